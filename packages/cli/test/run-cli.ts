// The command run in the test's own process, through `run`, with its output captured: as the built
// command prints and exits, without a process to start. Tests that need a real process (signals,
// ulimit, the installed bin) spawn it instead (spawn-cli.ts).
import { Readable } from 'node:stream';
import { run } from '../src/program.js';
import type { Run } from './spawn-cli.js';

/** Runs `args` with exactly `env`, in `cwd` (changed for the run and back), with `stdin` as its input. */
export async function runCli(
  args: string[],
  { env, cwd, stdin }: { env: Record<string, string>; cwd?: string; stdin?: string },
): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const previous = process.cwd();
  if (cwd) process.chdir(cwd);
  try {
    const code = await run(['node', 'mediajobs', ...args], {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text) },
      env,
      stdin: Readable.from(stdin ? [Buffer.from(stdin)] : []),
    });
    return { code, stdout, stderr };
  } finally {
    process.chdir(previous);
  }
}
