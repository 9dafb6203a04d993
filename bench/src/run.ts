// pnpm bench: every comparison in one process run; writes bench/results.json and prints the tables.
// Flags: --quick (fewer rounds, smaller bulk), --only=overhead,profile,bulk,rate,list,resume,ledger,mocks,bundle,build,
// --bulk-sizes=10000,100000, --list-sizes=10000,100000,1000000
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { measureBuild } from './build.js';
import { measureBulk } from './bulk.js';
import { measureBundles } from './bundle.js';
import { measureLedger } from './ledger.js';
import { measureList } from './list.js';
import { measureMockStart } from './mocks.js';
import { measureOverhead } from './overhead.js';
import { measureProfile } from './profile.js';
import { measureRate } from './rate.js';
import { measureResume } from './resume.js';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string', default: 'overhead,profile,bulk,rate,list,resume,ledger,mocks,bundle,build' },
    'bulk-sizes': { type: 'string' },
    'list-sizes': { type: 'string' },
  },
});
const sections = new Set(values.only.split(','));
const quick = values.quick;
const bulkSizes = (values['bulk-sizes'] ?? (quick ? '10000' : '10000,100000')).split(',').map(Number);

const machine = {
  node: process.version,
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  memoryGB: Math.round(totalmem() / 2 ** 30),
  date: new Date().toISOString(),
};
console.log(`mediajobs bench on ${machine.cores} x ${machine.cpu}, Node ${machine.node}${quick ? ' (quick)' : ''}`);

const results: Record<string, unknown> = { machine };
if (sections.has('overhead')) {
  const overhead = await measureOverhead({ quick });
  results.overhead = overhead;
  console.log('\nPer-call overhead, same keep-alive server, median ops/s of interleaved rounds');
  console.table(overhead.network);
  console.log('The same calls with a stubbed fetch (no network): the client alone');
  console.table(overhead.stubbed);
}
if (sections.has('profile')) {
  const profile = await measureProfile({ runs: quick ? 2 : 4 });
  results.profile = profile;
  console.log(
    '\nStubbed facade delete (Bifrost), microseconds per call, one process per run:',
    profile.runs.join(', '),
  );
  console.log('Self time of a profiled run, by place (% of samples)');
  console.table(profile.shares);
  console.table(profile.top);
}
if (sections.has('bulk')) {
  // 64 lanes per vendor as the issue sets it (CPU-bound here), and 4 (latency-bound) to show the scheduler.
  const bulk = await measureBulk({ sizes: bulkSizes, concurrency: [64, 4], latencyMs: 5 });
  results.bulk = bulk;
  console.log('\nBulk deleteEach, 5 ms server latency, one process per run');
  console.table(bulk.runs.map(({ requests, ...run }) => run));
  console.log('Plain fetch, same server and latency, 3 x concurrency in flight (one process per run)');
  console.table(bulk.rawFetch);
}
if (sections.has('list')) {
  const sizes = (values['list-sizes'] ?? (quick ? '10000,100000' : '10000,100000,1000000')).split(',').map(Number);
  const list = await measureList({ sizes });
  results.list = list;
  console.log('\njobs.list peak RSS (Bifrost pages built in memory, no server), one process per size');
  console.table(list);
}
if (sections.has('resume')) {
  const resume = await measureResume({ receipts: quick ? 100_000 : 1_000_000 });
  results.resume = resume;
  console.log('\n--resume peak RSS (built CLI, dry run over refs that all have an ok receipt), one process each');
  console.table(resume);
}
if (sections.has('rate')) {
  const rate = await measureRate({ quick });
  results.rate = rate;
  console.log('\nRate governance: deletes at concurrency 32 against 100 requests/s (burst 20), 20 ms latency');
  console.table(rate);
}
if (sections.has('ledger')) {
  const ledger = await measureLedger({ quick });
  results.ledger = ledger;
  console.log('\nLedger: records per second, one by one and in batches of 1,000');
  console.table(ledger.recording);
  console.log(`Finding one subject's resources among ${quick ? '100,000' : '1,000,000'} records (400 lookups)`);
  console.table(ledger.find);
  console.log(
    'Erasing one subject across four vendors, each at 100 requests/s (a delete and a read back per resource)',
  );
  console.table(ledger.erase);
}
if (sections.has('mocks')) {
  const mocks = await measureMockStart({ rounds: quick ? 3 : 7 });
  results.mocks = mocks;
  console.log('\nMock start-up, a fresh process each, from spawn (median of interleaved rounds)');
  console.table(mocks);
}
if (sections.has('bundle')) {
  const bundles = await measureBundles();
  results.bundle = bundles;
  console.log('\nBundle size (esbuild, browser, minified, gzipped)');
  console.table(bundles);
}
if (sections.has('build')) {
  const build = await measureBuild();
  results.build = build;
  console.log('\nBuild and type-check');
  console.table({ ...build, consumerTypecheck: undefined });
  console.table(build.consumerTypecheck);
}

// A run of some sections (--only) replaces those and keeps the others' last figures; `sections`
// says when each was measured.
const file = fileURLToPath(new URL('../results.json', import.meta.url));
const previous = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
const measured = Object.keys(results).filter((key) => key !== 'machine');
const sectionDates = {
  ...(previous.sections as Record<string, string> | undefined),
  ...Object.fromEntries(measured.map((key) => [key, machine.date])),
};
writeFileSync(file, `${JSON.stringify({ ...previous, ...results, sections: sectionDates }, null, 2)}\n`);
console.log(`\nwrote ${file}`);
