// The per-call profile of the request path (pnpm bench --only=profile): 100,000 stubbed Bifrost
// deletes through the facade under `node --cpu-prof`, then the profile's self time grouped by where
// the code lives. The .cpuprofile is kept in bench/.profiles/ for Chrome DevTools.
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

export interface ProfileResult {
  runs: number[];
  /** Self time share per place, in percent of all samples. */
  shares: Record<string, number>;
  /** The functions with the most self time, in percent. */
  top: { name: string; share: number }[];
}

/** Where a function lives, by its script URL. */
function placeOf(url: string, name: string): string {
  if (url.includes('/openapi-fetch/')) return 'openapi-fetch';
  if (url.includes('/bench/')) return 'the stub (bench)';
  if (url.includes('/packages/')) return 'mediajobs packages';
  if (url.includes('undici')) return "undici (fetch's Response, Headers)";
  if (url === '') return name === '(garbage collector)' ? 'garbage collection' : 'idle and program';
  return 'other Node internals';
}

export async function measureProfile({ runs = 3, calls = 100_000 } = {}): Promise<ProfileResult> {
  const dir = fileURLToPath(new URL('../.profiles', import.meta.url));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const script = fileURLToPath(new URL('./profile-run.js', import.meta.url));
  const micros: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    // Only the last run is profiled: the profiler's own cost stays out of the timed runs.
    const profiled = run === runs - 1;
    const args = profiled ? ['--cpu-prof', `--cpu-prof-dir=${dir}`, script, String(calls)] : [script, String(calls)];
    const { stdout } = await promisify(execFile)(process.execPath, args);
    if (!profiled) micros.push(Math.round((JSON.parse(stdout) as { microsPerCall: number }).microsPerCall * 10) / 10);
  }
  const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no .cpuprofile written in ${dir}`);
  const profile = JSON.parse(readFileSync(`${dir}/${file}`, 'utf8')) as { nodes: ProfileNode[] };
  const total = profile.nodes.reduce((sum, node) => sum + (node.hitCount ?? 0), 0);
  const percent = (hits: number) => Math.round((hits / total) * 1000) / 10;
  const byPlace = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const { callFrame, hitCount = 0 } of profile.nodes) {
    const place = placeOf(callFrame.url, callFrame.functionName);
    byPlace.set(place, (byPlace.get(place) ?? 0) + hitCount);
    const name = `${callFrame.functionName || '(anonymous)'} (${place})`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + hitCount);
  }
  return {
    runs: micros,
    shares: Object.fromEntries([...byPlace].sort((a, b) => b[1] - a[1]).map(([place, hits]) => [place, percent(hits)])),
    top: [...byFunction]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 8)
      .map(([name, hits]) => ({ name, share: percent(hits) })),
  };
}
