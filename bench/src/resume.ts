// Resume memory (pnpm bench --only=resume): `mediajobs delete --resume` reads every ok receipt before
// it starts, to skip what is done. The built CLI resuming over N refs that all have an ok receipt, and
// a script holding the same receipts as --resume did before (a Set of every key: 469 MB at a million in
// the report), each in its own process, with the default heap and under a small heap limit:
// peak RSS, whether it completes, and the heap the Set retains.
import { execFile } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const CLI = fileURLToPath(new URL('../../packages/cli/dist/cli.js', import.meta.url));

export interface ResumeRow {
  what: string;
  receipts: number;
  /** The V8 heap limit it ran under (--max-old-space-size), if any. */
  heapLimitMB: number | 'default';
  completed: boolean;
  seconds: number;
  /** Peak RSS of a run that completed. */
  peakRssMB?: number;
  /** The heap still in use once everything is read and garbage is collected (the Set script only). */
  retainedMB?: number;
}

// Prints the process's peak RSS (kilobytes) on stderr as it exits: loaded with --require.
const REPORT = `process.on('exit', () => require('node:fs').writeSync(2, '\\nmaxrss ' + process.resourceUsage().maxRSS + '\\n'));\n`;

// The old way: every ok receipt's key in a Set; prints the heap the Set retains.
const SET_OF_KEYS = `
const { createReadStream } = require('node:fs');
const { createInterface } = require('node:readline');
(async () => {
  const heap = () => { globalThis.gc?.(); return process.memoryUsage().heapUsed; };
  const before = heap();
  const keys = new Set();
  for await (const text of createInterface({ input: createReadStream(process.argv[1]) })) {
    const r = JSON.parse(text);
    if (r.ok === true) keys.add(r.provider + '\\u0000' + (r.kind ?? '') + '\\u0000' + r.id);
  }
  process.stderr.write('retained ' + (heap() - before) + ' ' + keys.size + '\\n');
})();
`;

async function lines(path: string, count: number, line: (n: number) => string): Promise<void> {
  const out = createWriteStream(path);
  for (let n = 0; n < count; n += 1) {
    if (!out.write(`${line(n)}\n`)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error) => (error ? reject(error) : resolve())));
}

type Measured = Omit<ResumeRow, 'what' | 'receipts' | 'heapLimitMB'>;

async function measure(args: string[], heapLimitMB?: number): Promise<Measured> {
  const started = performance.now();
  const heap = heapLimitMB === undefined ? [] : [`--max-old-space-size=${heapLimitMB}`];
  let stderr: string;
  try {
    ({ stderr } = await run(process.execPath, [...heap, ...args], { maxBuffer: 64 * 1024 * 1024 }));
  } catch {
    // Out of memory under the limit: V8 aborts.
    return { completed: false, seconds: Math.round((performance.now() - started) / 100) / 10 };
  }
  const seconds = Math.round((performance.now() - started) / 100) / 10;
  const rss = Number(stderr.match(/maxrss (\d+)/)?.[1]);
  const retained = Number(stderr.match(/retained (\d+)/)?.[1]);
  return {
    completed: true,
    seconds,
    peakRssMB: Math.round((rss / 1024) * 10) / 10,
    ...(Number.isFinite(retained) && { retainedMB: Math.round((retained / 2 ** 20) * 10) / 10 }),
  };
}

/** The heap limit both ways of holding receipts are run under: a Set of a million keys needs more. */
const SMALL_HEAP_MB = 32;

export async function measureResume({ receipts: count }: { receipts: number }): Promise<ResumeRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'mediajobs-resume-bench-'));
  try {
    const report = join(dir, 'report.cjs');
    writeFileSync(report, REPORT);
    const refs = join(dir, 'refs.jsonl');
    const receipts = join(dir, 'receipts.jsonl');
    const at = new Date().toISOString();
    await lines(refs, count, (n) => `{"provider":"tavus","id":"video-${n.toString(16).padStart(10, '0')}"}`);
    await lines(
      receipts,
      count,
      (n) =>
        `{"provider":"tavus","id":"video-${n.toString(16).padStart(10, '0')}","ok":true,"line":${n + 1},"at":"${at}"}`,
    );
    const cli = ['--require', report, CLI, 'delete', '--from', refs, '--receipts', receipts, '--resume', '--dry-run'];
    const script = ['--require', report, '--expose-gc', '-e', SET_OF_KEYS, receipts];
    const row = (what: string, heapLimitMB: number | undefined, m: Measured): ResumeRow => ({
      what,
      receipts: count,
      heapLimitMB: heapLimitMB ?? 'default',
      ...m,
    });
    const rows: ResumeRow[] = [];
    for (const heap of [undefined, SMALL_HEAP_MB]) {
      rows.push(row('CLI delete --resume --dry-run, every ref with an ok receipt', heap, await measure(cli, heap)));
      rows.push(row('a Set of every ok key (how --resume held them before)', heap, await measure(script, heap)));
    }
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
