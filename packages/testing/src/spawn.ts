import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { type LedgerStats, type RateLimitMode, STATS_PATH } from './server.js';

export interface SpawnedFaultServer {
  readonly url: string;
  /** The ledger's counts, read over HTTP. */
  stats(): Promise<LedgerStats>;
  stop(): Promise<void>;
}

/** Starts the fault server in a child process (see serve.ts) and waits for its URL. */
export async function spawnFaultServer(
  options: { latencyMs?: number; seed?: number; faultRate?: number; rateLimit?: RateLimitMode } = {},
): Promise<SpawnedFaultServer> {
  const script = fileURLToPath(new URL('./serve.js', import.meta.url));
  const args = [
    script,
    `--latency-ms=${options.latencyMs ?? 0}`,
    `--seed=${options.seed ?? 1}`,
    `--fault-rate=${options.faultRate ?? 0}`,
  ];
  const limit = options.rateLimit;
  if (limit) {
    const headers = limit.headers ? ',headers' : '';
    args.push(`--rate-limit=${limit.requestsPerSecond},${limit.burst},${limit.retryAfterSeconds ?? ''}${headers}`);
  }
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  const url = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`fault server exited with ${code} before it listened`)));
  });
  return {
    url,
    stats: async () => (await fetch(new URL(STATS_PATH, url))).json() as Promise<LedgerStats>,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
