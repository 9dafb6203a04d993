// Where a run of the CLI reads and prints: the process's own streams and environment by default, or
// a caller's (`run(argv, { stdout, stderr, env, stdin })`, tests among them). Signals stay the process's.

/** Something to print to: `process.stdout`, or anything with `write` (a test's buffer). */
export interface Output {
  write(text: string): unknown;
  /** True for a terminal: progress bars and prompts show only there. */
  isTTY?: boolean;
  /** The terminal's width, for help. */
  columns?: number;
}

export type Env = Record<string, string | undefined>;

export interface Io {
  stdout: Output;
  stderr: Output;
  /** Read for environment variables (keys, base URLs, proxies) instead of process.env. */
  env: Env;
  /** Read by `delete --from -` and purge's confirmation. */
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
}

/** The process's own streams and environment, for whatever `io` leaves out. */
export function ioOf(io: Partial<Io> = {}): Io {
  return {
    stdout: io.stdout ?? process.stdout,
    stderr: io.stderr ?? process.stderr,
    env: io.env ?? process.env,
    stdin: io.stdin ?? process.stdin,
  };
}
