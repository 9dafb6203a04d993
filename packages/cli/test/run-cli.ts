// The command run in the test's own process, through `run`, with its output captured: as the built
// command prints and exits, without a process to start. Tests that need a real process (signals,
// ulimit, the installed bin) spawn it instead (spawn-cli.ts).
import { PassThrough, Readable, Writable } from 'node:stream';
import { run } from '../src/program.js';
import type { Run } from './spawn-cli.js';

/** An input that says it is a terminal's: a prompt reads its answer from it. */
export type TerminalInput = PassThrough & { isTTY: boolean };

/** A terminal's input, to write a user's answers to. */
export function terminalInput(): TerminalInput {
  return Object.assign(new PassThrough(), { isTTY: true });
}

/** An output that keeps what is written to it, as a terminal of `columns` columns or not. */
class Capture extends Writable {
  text = '';
  constructor(
    readonly isTTY: boolean,
    readonly columns: number,
    private readonly onWrite: (text: string) => void = () => {},
  ) {
    super();
  }
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: () => void) {
    const text = chunk.toString();
    this.text += text;
    this.onWrite(text);
    done();
  }
}

export interface RunCliOptions {
  /** Exactly the environment the command sees. */
  env: Record<string, string>;
  /** The folder it runs in (changed for the run and back). */
  cwd?: string;
  /** Its input: a text, or a stream (a terminal's: `terminalInput()`). */
  stdin?: string | NodeJS.ReadableStream;
  /** Which outputs are terminals (progress bars, prompts and help widths show there), and their width. */
  terminal?: { stdout?: boolean; stderr?: boolean; columns?: number };
  /** Called with each write to stdout as it happens (to act in the middle of a run). */
  onStdout?: (text: string) => void;
}

/** Runs `args` as `options` say; resolves to its exit code and what it printed. */
export async function runCli(
  args: string[],
  { env, cwd, stdin, terminal = {}, onStdout }: RunCliOptions,
): Promise<Run> {
  const { columns = 80 } = terminal;
  const stdout = new Capture(Boolean(terminal.stdout), columns, onStdout);
  const stderr = new Capture(Boolean(terminal.stderr), columns);
  const previous = process.cwd();
  if (cwd) process.chdir(cwd);
  try {
    const code = await run(['node', 'mediajobs', ...args], {
      stdout,
      stderr,
      env,
      stdin: typeof stdin === 'object' ? stdin : Readable.from(stdin ? [Buffer.from(stdin)] : []),
    });
    return { code, stdout: stdout.text, stderr: stderr.text };
  } finally {
    process.chdir(previous);
  }
}
