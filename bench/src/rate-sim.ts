// A simulation of the rate benchmark's scenarios (rate.ts) on a simulated clock: the facade's own
// RateLimiter (packages/mediajobs/src/rate.ts, bundled by esbuild: the package does not export it),
// each simulated process with 32 workers, against one token bucket of 100 requests/s (burst 20) 20 ms
// away that answers 429 with Retry-After: 1 (each settable). Processes start up to 150 ms apart, as
// spawned ones do.
// Seeded, so a setting can be run 60 times in a second and compared without the machine's noise; the
// limiter's constants were chosen with it, and the real runs (pnpm bench --only=rate) agree with it
// within the noise of a few runs. What it leaves out: the facade's retry code (a throttled call waits
// Retry-After and queues again, as withRetries does), the network and the event loop's delays.
//
//   node bench/dist/rate-sim.js [--seeds=60] [--processes=4] [--size=400] [--late=0] [--retry-after=1000]
//                               [--limit=100] [--burst=20] [--latency=20] [--concurrency=32]
//
// The settings the constants were chosen on: the defaults (four processes); --processes=1 --size=1500;
// --processes=1 --size=4500 --limit=300 --burst=60; --processes=1 --size=15000 --limit=1000 --burst=200
// --concurrency=64; and no limit (--processes=1 --size=10000 --limit=1000000 --burst=1000000 --latency=5
// --concurrency=64, where the rate printed is against that limit: read the seconds).
//
// Prints the mean and worst of: the rate (all refs over the slowest process's time, as a share of the
// limit), the share of requests answered 429, and how unequal the shares were (the busiest process's
// accepted calls over the least busy one's, from 3 to 12 s).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const { values } = parseArgs({
  options: {
    seeds: { type: 'string', default: '60' },
    processes: { type: 'string', default: '4' },
    size: { type: 'string', default: '400' },
    late: { type: 'string', default: '0' },
    'retry-after': { type: 'string', default: '1000' },
    limit: { type: 'string', default: '100' },
    burst: { type: 'string', default: '20' },
    latency: { type: 'string', default: '20' },
    concurrency: { type: 'string', default: '32' },
  },
});

interface Limiter {
  acquire(): Promise<void>;
  onAnswer(status: number, headers?: Headers, sentAt?: number): void;
  time(): number;
}

// The simulated clock: timers in a heap ordered by due time (then by order set), run one at a time,
// each after the promise jobs the last one started have settled.
interface Timer {
  at: number;
  order: number;
  run: () => void;
  cleared: boolean;
}
let now = 0;
let order = 0;
const timers: Timer[] = [];
const earlier = (a: Timer, b: Timer) => a.at < b.at || (a.at === b.at && a.order < b.order);
function addTimer(run: () => void, ms: number): Timer {
  const timer = { at: now + Math.max(0, ms), order: order++, run, cleared: false };
  timers.push(timer);
  for (let i = timers.length - 1; i > 0; ) {
    const parent = (i - 1) >> 1;
    if (!earlier(timers[i] as Timer, timers[parent] as Timer)) break;
    [timers[i], timers[parent]] = [timers[parent] as Timer, timers[i] as Timer];
    i = parent;
  }
  return timer;
}
function nextTimer(): Timer | undefined {
  const top = timers[0];
  const last = timers.pop();
  if (timers.length > 0 && last) {
    timers[0] = last;
    for (let i = 0; ; ) {
      const [left, right] = [2 * i + 1, 2 * i + 2];
      let least = i;
      if (left < timers.length && earlier(timers[left] as Timer, timers[least] as Timer)) least = left;
      if (right < timers.length && earlier(timers[right] as Timer, timers[least] as Timer)) least = right;
      if (least === i) break;
      [timers[i], timers[least]] = [timers[least] as Timer, timers[i] as Timer];
      i = least;
    }
  }
  return top;
}
const realSetImmediate = setImmediate;
const settle = () => new Promise<void>((resolve) => realSetImmediate(resolve));
const sleep = (ms: number) => new Promise<void>((resolve) => addTimer(resolve, ms));

/** A seeded generator of numbers in [0, 1) (a linear congruential one: enough for start times and jitter). */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

interface Outcome {
  rate: number;
  throttledShare: number;
  spread: number;
  seconds: number;
}

async function simulate(RateLimiter: new () => Limiter, seed: number): Promise<Outcome> {
  const processes = Number(values.processes);
  const size = Number(values.size);
  const retryAfterMs = Number(values['retry-after']);
  const [limit, burst, latency] = [Number(values.limit), Number(values.burst), Number(values.latency)];
  const random = seeded(seed);
  now = 0;
  timers.length = 0;
  const bucket = { tokens: burst, at: 0 };
  const take = () => {
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) * limit) / 1000);
    bucket.at = now;
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  };
  let requests = 0;
  let throttled = 0;
  const middle = new Array<number>(processes).fill(0);
  const ends: number[] = [];
  const run = async (process: number) => {
    await sleep(random() * 150 + (process === processes - 1 ? Number(values.late) : 0));
    const limiter = new RateLimiter();
    let next = 0;
    const worker = async () => {
      while (next < size) {
        next += 1;
        for (;;) {
          await limiter.acquire();
          const sentAt = limiter.time();
          await sleep(latency + random() * 2);
          requests += 1;
          const accepted = take();
          if (accepted && now >= 3_000 && now < 12_000) middle[process] = (middle[process] as number) + 1;
          await sleep(1 + random());
          limiter.onAnswer(accepted ? 200 : 429, undefined, sentAt);
          if (accepted) break;
          throttled += 1;
          await sleep(retryAfterMs);
        }
      }
    };
    await Promise.all(Array.from({ length: Number(values.concurrency) }, worker));
    ends[process] = now;
  };
  let done = false;
  void Promise.all(Array.from({ length: processes }, (_, process) => run(process))).then(() => {
    done = true;
  });
  while (!done) {
    await settle();
    if (done) break;
    let timer = nextTimer();
    while (timer?.cleared) timer = nextTimer();
    if (!timer) throw new Error('the simulation stopped with work left');
    now = timer.at;
    timer.run();
  }
  const slowest = Math.max(...ends);
  return {
    rate: (processes * size) / (slowest / 1000) / limit,
    throttledShare: throttled / requests,
    spread: Math.max(...middle) / Math.max(1, Math.min(...middle)),
    seconds: slowest / 1000,
  };
}

const folder = mkdtempSync(join(tmpdir(), 'mediajobs-rate-sim-'));
try {
  const bundle = join(folder, 'rate.mjs');
  await build({
    entryPoints: [fileURLToPath(new URL('../../packages/mediajobs/src/rate.ts', import.meta.url))],
    bundle: true,
    format: 'esm',
    platform: 'node',
    outfile: bundle,
    logLevel: 'warning',
  });
  // The limiter reads performance.now() and sets timers: both on the simulated clock from here on.
  Object.defineProperty(performance, 'now', { value: () => now, configurable: true });
  Object.assign(globalThis, {
    setTimeout: (run: () => void, ms?: number) => addTimer(run, ms ?? 0),
    clearTimeout: (timer?: Timer) => {
      if (timer) timer.cleared = true;
    },
  });
  const { RateLimiter } = (await import(pathToFileURL(bundle).href)) as { RateLimiter: new () => Limiter };
  const outcomes: Outcome[] = [];
  for (let seed = 1; seed <= Number(values.seeds); seed += 1) outcomes.push(await simulate(RateLimiter, seed));
  const mean = (pick: (o: Outcome) => number) => outcomes.reduce((sum, o) => sum + pick(o), 0) / outcomes.length;
  const percent = (n: number) => `${(n * 100).toFixed(1)}%`;
  const rates = outcomes.map((o) => o.rate);
  const shares = outcomes.map((o) => o.throttledShare);
  console.log(
    `${values.processes} process(es) x ${values.size} refs, limit ${values.limit}/s, ${values.seeds} seeds: ` +
      `${mean((o) => o.seconds).toFixed(2)} s, rate ${percent(mean((o) => o.rate))} (worst ${percent(Math.min(...rates))}), ` +
      `429s ${percent(mean((o) => o.throttledShare))} (worst ${percent(Math.max(...shares))}), ` +
      `busiest/least busy share ${mean((o) => o.spread).toFixed(2)}`,
  );
} finally {
  rmSync(folder, { recursive: true, force: true });
}
