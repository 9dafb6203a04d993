// One listing in its own process, so that its peak RSS is its own: jobs.list over `--size` Bifrost
// jobs served from memory by a fetch that builds each cursor page on demand (no server holds them).
// Prints one JSON line.
import { parseArgs } from 'node:util';
import { createMediaJobs } from 'mediajobs';

const { values } = parseArgs({ options: { size: { type: 'string' } } });
const size = Number(values.size);
const CREATED = 1_700_000_000;

const page = (url: URL) => {
  const after = url.searchParams.get('after');
  const start = after === null ? 0 : Number(after.slice('video_'.length, after.indexOf(':'))) + 1;
  const limit = Number(url.searchParams.get('limit'));
  const data = [];
  for (let n = start; n < Math.min(size, start + limit); n += 1) {
    data.push({
      id: `video_${n}:openai`,
      object: 'video',
      status: 'completed',
      progress: 100,
      created_at: CREATED + n,
    });
  }
  return { object: 'list', data, first_id: data[0]?.id, last_id: data.at(-1)?.id, has_more: start + limit < size };
};
const fetch = async (input: string | URL | Request) =>
  new Response(JSON.stringify(page(new URL(input instanceof Request ? input.url : input))), {
    status: 200,
    headers: { 'content-type': 'application/json' },
  });
const jobs = createMediaJobs({ bifrost: { apiKey: 'sk-bench-key', baseUrl: 'http://127.0.0.1:9' }, fetch });

let listed = 0;
let peakRss = process.memoryUsage().rss;
const started = performance.now();
for await (const job of jobs.list({ provider: 'bifrost', upstream: 'openai', createdBefore: new Date() })) {
  if (job.id) listed += 1;
  if (listed % 10_000 === 0) peakRss = Math.max(peakRss, process.memoryUsage().rss);
}
const seconds = (performance.now() - started) / 1000;
// maxRSS is in kilobytes: the process's peak, sampled or not.
const peakRssMB = Math.max(peakRss / 2 ** 20, process.resourceUsage().maxRSS / 1024);
console.log(JSON.stringify({ listed, seconds, peakRssMB }));
