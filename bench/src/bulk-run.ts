// One bulk run in its own process, so that its peak RSS is its own: deleteEach over `--size` refs
// spread over the five APIs, read from an async generator; prints one JSON line.
import { parseArgs } from 'node:util';
import { refsOverAllApis } from '@mediajobs/testing/internal';
import { createMediaJobs, type JobRef } from 'mediajobs';

const { values } = parseArgs({
  options: {
    size: { type: 'string' },
    concurrency: { type: 'string' },
    url: { type: 'string' },
    // The baseline: plain fetch calls, as many in flight as the facade's three non-batched lanes.
    raw: { type: 'boolean', default: false },
    // No network: every call answered at once from memory, to see the library's own memory.
    stub: { type: 'boolean', default: false },
  },
});
const size = Number(values.size);
const concurrency = Number(values.concurrency);
const baseUrl = String(values.url);
const vendor = { apiKey: 'sk-bench-key', baseUrl };
const SUCCESS = JSON.stringify({ code: 1000, data: { status: 'Success' }, deleted: true });
const stubFetch = async (input: string | URL | Request) =>
  new Response(String(input).includes('/api/v1/') ? '{"code":0}' : SUCCESS, {
    status: 200,
    headers: { 'content-type': 'application/json' },
  });
const jobs = createMediaJobs({
  tensorslab: vendor,
  tavus: vendor,
  bifrost: vendor,
  a2e: vendor,
  fetch: values.stub ? stubFetch : undefined,
});

let ok = 0;
let failed = 0;
let firstError: string | undefined;
const started = performance.now();
if (values.raw) {
  let next = 0;
  await Promise.all(
    Array.from({ length: 3 * concurrency }, async () => {
      while (next < size) {
        next += 1;
        const response = await fetch(`${baseUrl}/v1/videos/raw_${next}`, { method: 'DELETE' });
        await response.text();
        if (response.ok) ok += 1;
        else failed += 1;
      }
    }),
  );
} else {
  for await (const outcome of jobs.deleteEach(refsOverAllApis(size) as Iterable<JobRef>, { concurrency })) {
    if (outcome.ok) ok += 1;
    else {
      failed += 1;
      firstError ??= outcome.error.message;
    }
  }
}
const seconds = (performance.now() - started) / 1000;
// maxRSS is in kilobytes: the true peak of this process, not a sample.
const peakRssMB = process.resourceUsage().maxRSS / 1024;
console.log(JSON.stringify({ size, concurrency, ok, failed, firstError, seconds, peakRssMB }));
