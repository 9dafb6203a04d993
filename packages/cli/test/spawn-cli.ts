// The built `mediajobs` binary, spawned as a user runs it, for the end-to-end tests.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Receipt } from '../src/receipts.js';

const CLI = join(import.meta.dirname, '..', 'dist', 'cli.js');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Starts the command with exactly `env` (nothing inherited), in `cwd`, with `stdin` as its input. With
 * `fileSizeLimitKb`, no file it writes may grow past that size (`ulimit -f`): the kernel then writes
 * what fits and fails the rest (EFBIG), as a full disk does (ENOSPC). SIGXFSZ, which would kill the
 * process instead, is ignored.
 */
export function startCli(
  args: string[],
  {
    env,
    cwd,
    stdin,
    fileSizeLimitKb,
  }: { env: Record<string, string>; cwd?: string; stdin?: string; fileSizeLimitKb?: number },
): ChildProcess {
  const [command, commandArgs] =
    fileSizeLimitKb === undefined
      ? [process.execPath, [CLI, ...args]]
      : // sh, not bash: bash reads ~/.bashrc when its stdin is a socket, as Node's pipes are. sh counts 512-byte blocks.
        [
          'sh',
          ['-c', `trap '' XFSZ; ulimit -f ${fileSizeLimitKb * 2}; exec "$0" "$@"`, process.execPath, CLI, ...args],
        ];
  const child = spawn(command, commandArgs, { env, cwd, stdio: ['pipe', 'pipe', 'pipe'] });
  child.stdin?.end(stdin ?? '');
  return child;
}

/** What the command printed, and its exit code, once it has ended. */
export function finish(child: ChildProcess): Promise<Run> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

/** A receipt, or a line of a purge snapshot (all its fields as written). */
export type JsonLine = Receipt & Record<string, unknown>;

/** The JSON lines of a receipts or snapshot file; none when it does not exist. */
export function jsonLines(path: string): JsonLine[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}

/** Like jsonLines, and the lines that are not JSON (cut off by a crash or a full disk) apart. */
export function jsonLinesAndTorn(path: string): { lines: JsonLine[]; torn: string[] } {
  const lines: JsonLine[] = [];
  const torn: string[] = [];
  if (!existsSync(path)) return { lines, torn };
  for (const text of readFileSync(path, 'utf8').split('\n').filter(Boolean)) {
    try {
      lines.push(JSON.parse(text));
    } catch {
      torn.push(text);
    }
  }
  return { lines, torn };
}
