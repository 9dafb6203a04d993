// Mock start-up, each start a fresh process timed from spawn: one vendor and all four with
// startMockVendors; `prism mock` of one spec, and of all five specs at once (a child process per
// spec, as --mock ran them before @mediajobs/testing); and `mediajobs delete --mock tavus <id>` from
// spawn to exit. Interleaved rounds, medians, ratios to one `prism mock` measured in the same run.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { specsDir } from '@mediajobs/testing/internal';

const require = createRequire(import.meta.url);
const testingEntry = require.resolve('@mediajobs/testing');
const cliEntry = fileURLToPath(new URL('../../packages/cli/dist/cli.js', import.meta.url));
const prismCli = join(dirname(require.resolve('@stoplight/prism-cli/package.json')), 'dist', 'index.js');

interface Contender {
  name: string;
  args: string[];
  /** The run is timed until this appears on stdout; until the process exits (with code 0) when undefined. */
  readyWhen?: RegExp;
}

const startScript = (providers: string[]) => `
const { startMockVendors } = require(${JSON.stringify(testingEntry)});
startMockVendors({ providers: ${JSON.stringify(providers)} }).then(async (mocks) => {
  console.log('ready ' + Object.keys(mocks.baseUrls).join(','));
  await mocks.stop();
});`;

const prismArgs = (spec: string) => [
  prismCli,
  'mock',
  join(specsDir(), spec),
  '-h',
  '127.0.0.1',
  '-p',
  '0',
  '--errors',
];

/** Every spec's `prism mock` at once; ready when all listen (they are killed then, unmeasured). */
const allPrismScript = `
const { spawn } = require('node:child_process');
const specs = ['tensorslab-video.yaml', 'tensorslab-images.yaml', 'tavus.yaml', 'bifrost.yaml', 'a2e.yaml'];
let listening = 0;
const children = specs.map((spec) => {
  const child = spawn(process.execPath, ${JSON.stringify(prismArgs('SPEC'))}.map((arg) => arg.replace(/SPEC$/, spec)));
  child.stdout.on('data', (chunk) => {
    if (!/listening on http/.test(chunk)) return;
    listening += 1;
    if (listening < specs.length) return;
    // Killed before saying so: once 'ready' is out, this process may be killed before its next line.
    for (const each of children) each.kill('SIGKILL');
    console.log('ready');
  });
  return child;
});`;

const CONTENDERS: Contender[] = [
  { name: 'startMockVendors, tavus', args: ['-e', startScript(['tavus'])], readyWhen: /^ready tavus$/m },
  {
    name: 'startMockVendors, all four',
    args: ['-e', startScript(['tensorslab', 'tavus', 'bifrost', 'a2e'])],
    readyWhen: /^ready tensorslab,tavus,bifrost,a2e$/m,
  },
  { name: 'prism mock tavus.yaml (a process)', args: prismArgs('tavus.yaml'), readyWhen: /listening on http/ },
  { name: 'prism mock, all five specs (the old --mock)', args: ['-e', allPrismScript], readyWhen: /^ready$/m },
  { name: 'mediajobs delete --mock tavus <id>', args: [cliEntry, 'delete', '--mock', 'tavus', '8a4f94e736'] },
];

/** Milliseconds from spawn to the contender's mark; the process is then ended. */
function timeOnce(contender: Contender): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, contender.args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk;
    });
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk;
      if (contender.readyWhen?.test(output)) {
        resolve(performance.now() - started);
        child.kill('SIGTERM');
      }
    });
    child.once('exit', (code) => {
      if (contender.readyWhen === undefined && code === 0) resolve(performance.now() - started);
      else reject(new Error(`${contender.name} exited with ${code} before its mark:\n${output.slice(-1500)}`));
    });
  }).finally(() => child.kill('SIGKILL')) as Promise<number>;
}

export interface MockStartRow {
  contender: string;
  medianMs: number;
  samplesMs: string;
  vsPrismMock: number;
}

export async function measureMockStart({ rounds = 5 } = {}): Promise<MockStartRow[]> {
  const samples = new Map<string, number[]>(CONTENDERS.map((contender) => [contender.name, []]));
  for (let round = -1; round < rounds; round += 1) {
    for (let i = 0; i < CONTENDERS.length; i += 1) {
      const contender = CONTENDERS[(i + Math.max(round, 0)) % CONTENDERS.length] as Contender;
      const ms = await timeOnce(contender);
      if (round >= 0) samples.get(contender.name)?.push(ms);
    }
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
  const baseline = median(samples.get('prism mock tavus.yaml (a process)') ?? []);
  return CONTENDERS.map(({ name }) => {
    const values = samples.get(name) ?? [];
    return {
      contender: name,
      medianMs: Math.round(median(values)),
      samplesMs: values.map(Math.round).join(' '),
      vsPrismMock: Number((median(values) / baseline).toFixed(2)),
    };
  });
}
