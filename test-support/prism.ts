import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const prismBin = join(createRequire(import.meta.url).resolve('@stoplight/prism-cli/package.json'), '..', 'dist', 'index.js');
const START_TIMEOUT_MS = 60_000;

export interface PrismServer {
  url: string;
  pid: number;
  logFile: string;
  stop(): Promise<void>;
}

/**
 * Starts `prism mock <spec> --errors` on 127.0.0.1 with a port the OS picks, and resolves once it
 * listens (Prism has no health endpoint; it prints the address). Output goes to logFile.
 */
export function startPrism(spec: string, logFile: string, extraArgs: string[] = []): Promise<PrismServer> {
  const log = createWriteStream(logFile);
  const child = spawn(
    process.execPath,
    [prismBin, 'mock', spec, '-h', '127.0.0.1', '-p', '0', '--errors', ...extraArgs],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  return new Promise((resolve, reject) => {
    let output = '';
    const fail = (reason: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`Prism for ${spec} ${reason}; see ${logFile}\n${output.slice(-2000)}`));
    };
    const timer = setTimeout(() => fail(`did not start within ${START_TIMEOUT_MS / 1000}s`), START_TIMEOUT_MS);
    child.once('exit', (code) => fail(`exited with code ${code} before listening`));
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      if (!match?.[1]) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      resolve({ url: match[1], pid: child.pid ?? -1, logFile, stop: () => stopProcess(child) });
    });
  });
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
