// Starts and stops Prism mock servers (`prism mock <spec> --errors`) on 127.0.0.1, for the contract
// tests and the demo. Prism has no health endpoint: it is ready when it prints its address.
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const prismBin = join(
  dirname(createRequire(import.meta.url).resolve('@stoplight/prism-cli/package.json')),
  'dist',
  'index.js',
);
const START_TIMEOUT_MS = 60_000;

/**
 * @typedef {{ url: string, pid: number, logFile: string, stop: () => Promise<void> }} PrismServer
 */

/**
 * Starts Prism for one spec on a port the OS picks, writing its output to logFile.
 * @param {string} spec
 * @param {string} logFile
 * @param {string[]} [extraArgs]
 * @returns {Promise<PrismServer>}
 */
export function startPrism(spec, logFile, extraArgs = []) {
  const log = createWriteStream(logFile);
  const child = spawn(
    process.execPath,
    [prismBin, 'mock', spec, '-h', '127.0.0.1', '-p', '0', '--errors', ...extraArgs],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  return new Promise((resolve, reject) => {
    let output = '';
    const fail = (/** @type {string} */ reason) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`Prism for ${spec} ${reason}; see ${logFile}\n${output.slice(-2000)}`));
    };
    const timer = setTimeout(() => fail(`did not start within ${START_TIMEOUT_MS / 1000}s`), START_TIMEOUT_MS);
    child.once('exit', (code) => fail(`exited with code ${code} before listening`));
    child.stdout.on('data', (chunk) => {
      output += chunk.toString();
      const match = output.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      if (!match) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      resolve({ url: match[1], pid: child.pid ?? -1, logFile, stop: () => stopProcess(child) });
    });
  });
}

/** SIGTERM, then SIGKILL if it has not exited within 5 s. */
function stopProcess(/** @type {import('node:child_process').ChildProcess} */ child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve(undefined);
    });
    child.kill('SIGTERM');
  });
}
