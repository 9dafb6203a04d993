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

/** Starts the command with exactly `env` (nothing inherited), in `cwd`, with `stdin` as its input. */
export function startCli(
  args: string[],
  { env, cwd, stdin }: { env: Record<string, string>; cwd?: string; stdin?: string },
): ChildProcess {
  const child = spawn(process.execPath, [CLI, ...args], { env, cwd, stdio: ['pipe', 'pipe', 'pipe'] });
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
