// The stubbed facade call alone, for a CPU profile of the request path. Run by profile.ts under
// `node --cpu-prof` (pnpm bench --only=profile); prints one JSON line: microseconds per call.
import { createMediaJobs } from 'mediajobs';
import { stubFetch } from './overhead.js';

const CALLS = Number(process.argv[2] ?? 100_000);
const jobs = createMediaJobs({ fetch: stubFetch, bifrost: { apiKey: 'sk-bench-key', baseUrl: 'http://127.0.0.1:9' } });
const started = performance.now();
for (let n = 0; n < CALLS; n += 1) await jobs.delete({ provider: 'bifrost', id: `vid_${n}` });
console.log(JSON.stringify({ calls: CALLS, microsPerCall: ((performance.now() - started) / CALLS) * 1000 }));
