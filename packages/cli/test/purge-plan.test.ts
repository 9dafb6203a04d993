// The purge's plan (which vendors and kinds a fresh purge takes, what a --resume accepts) and its
// summary, in the test's own process: the refusals a user reads and the counts the summary prints.
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { KindInfo, Provider } from 'mediajobs';
import { describe, expect, it } from 'vitest';
import type { GlobalOptions } from '../src/common.js';
import { freshPlan, type PurgeCommandOptions, perValueOf, resumedPlan } from '../src/purge/plan.js';
import { createTallies, isFailure, summarize, type VendorTally } from '../src/purge/tally.js';
import { headerOf, type PurgeFilter } from '../src/snapshot.js';
import { UsageError } from '../src/usage-error.js';
import { tempFolder } from './temp-folder.js';

const DAY = 86_400_000;

function globalsWith(keys: readonly string[], mock = false): GlobalOptions {
  const env: Record<string, string> = {};
  for (const vendor of keys) env[`${vendor}_API_KEY`] = 'key';
  const ignore = { write: () => true };
  return { mock, io: { stdout: ignore, stderr: ignore, env, stdin: Readable.from([]) } };
}

const purge = (options: Partial<PurgeCommandOptions>): PurgeCommandOptions => ({
  olderThan: 30 * DAY,
  receipts: 'receipts.jsonl',
  concurrency: 4,
  ...options,
});

/** The message of the usage error `act` throws (failing the test when it throws anything else). */
function usageErrorOf(act: () => unknown): string {
  try {
    act();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('expected a usage error');
}

describe('a fresh purge: the vendors and kinds it takes', () => {
  it('takes the vendors with a key, and records them sorted', () => {
    const plan = freshPlan(purge({}), globalsWith(['TAVUS', 'A2E']));
    expect(plan.filter.providers).toEqual(['a2e', 'tavus']);
    expect(plan.filter.kinds).toEqual(['video']);
    expect(plan).toMatchObject({ cannotList: [], skipped: [] });
  });

  it('with --kind, takes only the keyed vendors that have that kind (no "cannot list" for the others)', () => {
    const plan = freshPlan(purge({ kind: ['replica'] }), globalsWith(['TAVUS', 'A2E']));
    expect(plan.filter).toMatchObject({ providers: ['tavus'], kinds: ['replica'] });
    expect(plan.cannotList).toEqual([]);
  });

  it('several kinds across vendors: each keyed vendor purges the ones it has', () => {
    const plan = freshPlan(purge({ kind: ['video', 'avatar'] }), globalsWith(['TAVUS', 'A2E']));
    expect(plan.filter).toMatchObject({ providers: ['a2e', 'tavus'], kinds: ['avatar', 'video'] });
  });

  it('a Bifrost found by its key but without --upstream is skipped with its reason; the others are purged', () => {
    const plan = freshPlan(purge({}), globalsWith(['TAVUS', 'BIFROST']));
    expect(plan.filter.providers).toEqual(['tavus']);
    expect(plan.filter.upstreams).toEqual([]);
    expect(plan.skipped).toEqual([
      {
        provider: 'bifrost',
        reason:
          "skipped: it lists per upstream provider; pass --upstream openai (or the gateway's other providers, comma-separated) to purge it",
      },
    ]);
  });

  it('--kind all at a vendor none of whose kinds lists keeps it, so the summary says it cannot list', () => {
    const plan = freshPlan(purge({ kind: ['all'] }), globalsWith(['TENSORSLAB', 'TAVUS']));
    expect(plan.cannotList).toEqual(['tensorslab']);
    expect(plan.filter.providers).toEqual(['tavus']);
    // Asked for by name, it is no usage error either: it is named as unable to list.
    const named = freshPlan(purge({ kind: ['all'], provider: ['tensorslab', 'tavus'] }), globalsWith([]));
    expect(named.cannotList).toEqual(['tensorslab']);
  });

  it('records the upstreams sorted, when a kind it takes lists per upstream (--kind all at Bifrost)', () => {
    const plan = freshPlan(
      purge({ provider: ['bifrost'], kind: ['all'], upstream: ['openai', 'anthropic'] }),
      globalsWith([]),
    );
    expect(plan.filter).toMatchObject({
      providers: ['bifrost'],
      kinds: ['container', 'file', 'log', 'video'],
      upstreams: ['anthropic', 'openai'],
    });
  });

  it('a kind named that none of the vendors asked for has is a usage error, even beside one they have', () => {
    expect(
      usageErrorOf(() => freshPlan(purge({ provider: ['tavus'], kind: ['video', 'image'] }), globalsWith([]))),
    ).toBe(
      `tavus: no kind "image"; tavus has 'video' and 'replica' and 'conversation' and 'persona' and 'document' and 'memory-store'`,
    );
    // With no vendor keyed, the first vendor's kinds are named.
    expect(usageErrorOf(() => freshPlan(purge({ kind: ['nope'] }), globalsWith([])))).toBe(
      `tensorslab: no kind "nope"; tensorslab has 'video' and 'image'`,
    );
  });

  it('a vendor asked for by name that has none of the kinds is a usage error naming its kinds', () => {
    expect(
      usageErrorOf(() => freshPlan(purge({ provider: ['tavus', 'a2e'], kind: ['avatar'] }), globalsWith([]))),
    ).toMatch(/^tavus: no kind "avatar"; tavus has 'video'/);
  });

  it('without a key for any vendor: names the keys to set, and the vendor that cannot list', () => {
    expect(usageErrorOf(() => freshPlan(purge({}), globalsWith([])))).toBe(
      'no vendor to purge: set TAVUS_API_KEY, BIFROST_API_KEY or A2E_API_KEY, or pass --provider (tensorslab cannot list)',
    );
    // --kind all without a key is the same advice, not an error about a kind named "all".
    expect(usageErrorOf(() => freshPlan(purge({ kind: ['all'] }), globalsWith([])))).toBe(
      'no vendor to purge: set TAVUS_API_KEY, BIFROST_API_KEY or A2E_API_KEY, or pass --provider (tensorslab cannot list)',
    );
  });

  it('only a Bifrost keyed, without --upstream: names its key alone and what Bifrost needs', () => {
    expect(usageErrorOf(() => freshPlan(purge({ kind: ['file'] }), globalsWith(['BIFROST'])))).toBe(
      'no vendor to purge: set BIFROST_API_KEY, or pass --provider; bifrost needs --upstream',
    );
  });

  it('a vendor with one kind that lists among those named counts as able to list', () => {
    expect(
      usageErrorOf(() => freshPlan(purge({ kind: ['video', 'response'] }), globalsWith(['TENSORSLAB', 'BIFROST']))),
    ).toBe(
      'no vendor to purge: set TAVUS_API_KEY, BIFROST_API_KEY or A2E_API_KEY, or pass --provider (tensorslab cannot list); bifrost needs --upstream',
    );
  });

  it('names every vendor whose kinds named cannot list', () => {
    expect(
      usageErrorOf(() => freshPlan(purge({ kind: ['response', 'background'] }), globalsWith(['BIFROST', 'A2E']))),
    ).toBe('no vendor to purge: no vendor can list the kinds asked for (bifrost, a2e cannot list)');
  });

  it('a kind no vendor can list: says so, rather than advising an empty list of keys', () => {
    expect(usageErrorOf(() => freshPlan(purge({ kind: ['image'] }), globalsWith([])))).toBe(
      'no vendor to purge: no vendor can list the kinds asked for (tensorslab cannot list)',
    );
  });

  it('--from-ledger without a key: advises the key of the vendor found in the ledger too', () => {
    expect(usageErrorOf(() => freshPlan(purge({ fromLedger: true }), globalsWith([])))).toBe(
      'no vendor to purge: set TENSORSLAB_API_KEY, TAVUS_API_KEY, BIFROST_API_KEY or A2E_API_KEY, or pass --provider',
    );
  });

  it('a per-value option without an example is shown as <name>', () => {
    const kind = {
      listOptions: { region: { type: 'string', required: true, description: 'the region to list' } },
    } as unknown as KindInfo;
    expect(perValueOf(kind)).toEqual({ name: 'region', example: '<region>' });
  });
});

describe('a resumed purge: the snapshot filter, and the options it accepts', () => {
  const filterOf = (over: Partial<PurgeFilter> = {}): PurgeFilter => ({
    olderThanMs: 30 * DAY,
    cutoff: '2026-01-01T00:00:00.000Z',
    providers: ['tavus'],
    upstreams: [],
    kinds: ['video'],
    hard: false,
    ...over,
  });
  function snapshotWith(filter: PurgeFilter): string {
    const folder = tempFolder('purge-plan-');
    const path = join(folder, 'receipts.jsonl.snapshot.jsonl');
    writeFileSync(path, `${JSON.stringify(headerOf('run-1', filter))}\n`);
    return path;
  }
  const resume = (options: Partial<PurgeCommandOptions>) => purge({ olderThan: undefined, resume: true, ...options });

  it("goes on with the snapshot's run and filter", async () => {
    const filter = filterOf();
    await expect(resumedPlan(resume({}), snapshotWith(filter))).resolves.toEqual({
      run: 'run-1',
      filter,
      cannotList: [],
      skipped: [],
    });
  });

  it('a snapshot that is not there is a usage error naming it', async () => {
    const missing = join(tmpdir(), 'purge-plan-no-such-folder', 'receipts.jsonl.snapshot.jsonl');
    await expect(resumedPlan(resume({}), missing)).rejects.toThrow(
      new UsageError(`--resume needs the snapshot ${missing}; it does not exist`),
    );
  });

  it('--provider naming also a vendor that cannot list is the same filter (it is never in a snapshot)', async () => {
    const plan = await resumedPlan(resume({ provider: ['tavus', 'tensorslab'] }), snapshotWith(filterOf()));
    expect(plan.filter.providers).toEqual(['tavus']);
  });

  it("--provider naming also a vendor without any of the snapshot's kinds is the same filter", async () => {
    const filter = filterOf({ kinds: ['replica'] });
    const plan = await resumedPlan(resume({ provider: ['tavus', 'bifrost'] }), snapshotWith(filter));
    expect(plan.filter).toEqual(filter);
  });

  it('--kind naming also a kind that cannot list is the same filter', async () => {
    const filter = filterOf({ providers: ['bifrost'], upstreams: ['openai'] });
    const plan = await resumedPlan(
      resume({ provider: ['bifrost'], kind: ['video', 'response'] }),
      snapshotWith(filter),
    );
    expect(plan.filter).toEqual(filter);
  });

  it('--kind against a snapshot naming a vendor this mediajobs does not know resumes, rather than crashing', async () => {
    const filter = filterOf({ providers: ['tavus', 'nope' as Provider] });
    await expect(resumedPlan(resume({ kind: ['video'] }), snapshotWith(filter))).resolves.toMatchObject({ filter });
  });

  it('without --hard, a snapshot listed with --hard resumes hard', async () => {
    const plan = await resumedPlan(resume({}), snapshotWith(filterOf({ hard: true })));
    expect(plan.filter.hard).toBe(true);
  });

  it('--hard against a snapshot listed without it is refused, saying what differs and what to do', async () => {
    await expect(resumedPlan(resume({ hard: true }), snapshotWith(filterOf()))).rejects.toThrow(
      new UsageError(
        "--resume would delete by another filter than the snapshot's: --hard, but the snapshot was listed without it. " +
          "Resume with the snapshot's filter (leave those options out), or list anew without --resume",
      ),
    );
  });

  it('several differences are each named, one phrase after another', async () => {
    await expect(resumedPlan(resume({ hard: true, kind: ['replica'] }), snapshotWith(filterOf()))).rejects.toThrow(
      "snapshot's: --kind replica, but the snapshot lists video; --hard, but the snapshot was listed without it. ",
    );
  });
});

describe('the purge summary', () => {
  const filter: PurgeFilter = {
    olderThanMs: DAY,
    cutoff: '2026-01-01T00:00:00.000Z',
    providers: ['a2e', 'tavus'],
    upstreams: [],
    kinds: ['video'],
    hard: true,
  };
  function printed(tallies: Map<string, VendorTally>): string[] {
    let out = '';
    summarize({ ...globalsWith([]).io, stdout: { write: (text: string) => (out += text) } }, tallies, false, 'done');
    return out.trimEnd().split('\n');
  }

  it('says hard or not only for the kinds whose delete takes --hard', () => {
    const { tallies, tally } = createTallies(filter);
    tally('tavus').matched = 2;
    tally('a2e').matched = 1;
    expect(tally('tavus').hard).toBe(true);
    expect(tally('a2e').hard).toBeUndefined();
    expect(printed(tallies)).toEqual([
      'tavus: matched 2, deleted 0 (hard), verified gone 0, failed 0',
      'a2e: matched 1, deleted 0, verified gone 0, failed 0',
      'done',
    ]);
    const soft = createTallies({ ...filter, hard: false });
    soft.tally('tavus');
    expect(printed(soft.tallies)[0]).toBe(
      'tavus: matched 0, deleted 0 (not hard: --hard deletes its assets too), verified gone 0, failed 0',
    );
  });

  it('counts a ref of a kind or vendor this mediajobs does not know under its vendor, rather than crashing', () => {
    const { tallies, tally } = createTallies(filter);
    tally('tavus', 'nope').outside += 1;
    tally('nope' as Provider).outside += 1;
    expect(printed(tallies)).toEqual([
      'tavus: matched 0, outside the filter, not deleted 1, deleted 0, verified gone 0, failed 0',
      'nope: matched 0, outside the filter, not deleted 1, deleted 0, verified gone 0, failed 0',
      'done',
    ]);
  });

  it('prints every count there is, and a problem after the counts when jobs were matched', () => {
    const { tallies, tally } = createTallies({ ...filter, providers: ['a2e'] });
    Object.assign(tally('a2e'), {
      matched: 5,
      alreadyDeleted: 1,
      deleted: 3,
      verified: 2,
      unverifiable: 1,
      failed: 1,
      problem: 'listing failed: timeout',
    });
    expect(printed(tallies)[0]).toBe(
      'a2e: matched 5, already deleted 1, deleted 3, verified gone 2, not verifiable (no read endpoint) 1, failed 1 (listing failed: timeout)',
    );
  });

  it('a vendor that cannot list, one skipped, one with a problem and nothing matched: a line each saying why', () => {
    const { tallies, tally } = createTallies({ ...filter, providers: ['tavus'] });
    tally('tensorslab').cannotList = true;
    tally('bifrost').skipped = 'skipped: it lists per upstream provider';
    tally('tavus').problem = 'no key: set TAVUS_API_KEY';
    expect(printed(tallies)).toEqual([
      'tensorslab: cannot list (no list endpoint; delete the ids you recorded)',
      'bifrost: skipped: it lists per upstream provider',
      'tavus: no key: set TAVUS_API_KEY',
      'done',
    ]);
  });

  it('a failed delete alone makes the vendor a failure', () => {
    const ok: VendorTally = {
      matched: 1,
      alreadyDeleted: 0,
      deleted: 1,
      verified: 1,
      unverifiable: 0,
      failed: 0,
      outside: 0,
    };
    expect(isFailure(ok)).toBe(false);
    expect(isFailure({ ...ok, deleted: 0, verified: 0, failed: 1 })).toBe(true);
  });
});
