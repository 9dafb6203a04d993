// One bulk delete in its own process, for the rate benchmark (rate.ts): `--size` refs of one vendor
// against `--url`, prints one JSON line. `--mode`: fixed (adaptiveRate off: what the facade did before
// rate governance), governed (the default), or ceiling (maxRequestsPerSecond = --rate).
import { parseArgs } from 'node:util';
import { createMediaJobs, type JobRef } from 'mediajobs';

const { values } = parseArgs({
  options: {
    size: { type: 'string' },
    url: { type: 'string' },
    vendor: { type: 'string' },
    mode: { type: 'string' },
    rate: { type: 'string' },
    concurrency: { type: 'string', default: '32' },
    prefix: { type: 'string', default: 'job' },
  },
});
const provider = values.vendor as 'tavus' | 'bifrost';
const vendor = {
  apiKey: 'sk-bench-key',
  baseUrl: String(values.url),
  maxRequestsPerSecond: values.mode === 'ceiling' ? Number(values.rate) : undefined,
};
const jobs = createMediaJobs({ [provider]: vendor, adaptiveRate: values.mode !== 'fixed' });
const refs: JobRef[] = Array.from({ length: Number(values.size) }, (_, n) => ({
  provider,
  id: provider === 'bifrost' ? `${values.prefix}_${n}:openai` : `${values.prefix}_${n}`,
}));
const started = performance.now();
const outcomes = await jobs.deleteMany(refs, { concurrency: Number(values.concurrency) });
const seconds = (performance.now() - started) / 1000;
const failed = outcomes.filter((outcome) => !outcome.ok);
console.log(
  JSON.stringify({
    ok: outcomes.length - failed.length,
    failed: failed.length,
    firstError: failed[0] && !failed[0].ok ? failed[0].error.message : undefined,
    seconds,
  }),
);
