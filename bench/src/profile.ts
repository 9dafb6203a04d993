// The stubbed facade call alone, for a CPU profile of the request path:
//   pnpm --filter @mediajobs/bench exec node --cpu-prof --cpu-prof-dir=.profiles dist/profile.js
// then open the .cpuprofile in Chrome DevTools. Prints microseconds per call.
import { createMediaJobs } from 'mediajobs';
import { stubFetch } from './overhead.js';

const CALLS = 100_000;
const jobs = createMediaJobs({ fetch: stubFetch, bifrost: { apiKey: 'sk-bench-key', baseUrl: 'http://127.0.0.1:9' } });
const started = performance.now();
for (let n = 0; n < CALLS; n += 1) await jobs.delete({ provider: 'bifrost', id: `vid_${n}` });
console.log(
  `mediajobs jobs.delete (Bifrost), stubbed fetch: ${(((performance.now() - started) / CALLS) * 1000).toFixed(1)} µs per call`,
);
