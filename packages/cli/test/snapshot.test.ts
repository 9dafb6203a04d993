// A purge's snapshot as --resume reads it back (lines, header), the filter a resumed run is held to,
// which refs lie outside it (never deleted), and --older-than's ages.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import {
  age,
  differences,
  formatAge,
  headerOf,
  type ListedRef,
  outsideFilter,
  type PurgeFilter,
  readHeader,
  SNAPSHOT_FORMAT,
  type SnapshotLine,
  snapshotLines,
} from '../src/snapshot.js';
import { tempFolder } from './temp-folder.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A snapshot file of these lines, in a temp folder removed when the test ends. */
const snapshotFile = (lines: string[]) => {
  const folder = tempFolder('snapshot-');
  const path = join(folder, 'mediajobs-purge.jsonl.snapshot.jsonl');
  writeFileSync(path, lines.join('\n'));
  return path;
};

const readAll = async (path: string) => {
  const found: SnapshotLine[] = [];
  for await (const line of snapshotLines(path)) found.push(line);
  return found;
};

const filter = (over: Partial<PurgeFilter> = {}): PurgeFilter => ({
  olderThanMs: 30 * DAY,
  cutoff: '2024-06-01T00:00:00.000Z',
  providers: ['a2e', 'tavus'],
  upstreams: [],
  kinds: ['video'],
  hard: false,
  ...over,
});

const oldTavusVideo: ListedRef = { provider: 'tavus', id: 'v1', kind: 'video', createdAt: '2024-01-01T00:00:00.000Z' };

describe('snapshotLines', () => {
  it('a line cut off by a crash is left out; the lines around it are still read, each as what it is', async () => {
    const header = headerOf('run-1', filter());
    const path = snapshotFile([
      JSON.stringify(header),
      JSON.stringify(oldTavusVideo),
      '{"provider":"tavus","id":"v2","kind":"vid',
      '',
      JSON.stringify({ listed: 'tavus', kind: 'video', count: 1 }),
    ]);
    expect(await readAll(path)).toEqual([
      { type: 'header', header },
      { type: 'ref', ref: oldTavusVideo },
      { type: 'done', done: { listed: 'tavus', kind: 'video', count: 1 } },
    ]);
  });

  it('a line that is JSON but no object (a hand edit) names no job: left out, not a crash', async () => {
    const path = snapshotFile(['null', '5', '"v1"', '["tavus","v1"]', JSON.stringify(oldTavusVideo)]);
    expect(await readAll(path)).toEqual([{ type: 'ref', ref: oldTavusVideo }]);
  });
});

describe('readHeader', () => {
  it('gives the filter and run a snapshot was listed with', async () => {
    const header = headerOf('run-1', filter({ hard: true }));
    const path = snapshotFile([JSON.stringify(header), JSON.stringify(oldTavusVideo)]);
    expect(await readHeader(path)).toEqual(header);
    expect(header.format).toBe(SNAPSHOT_FORMAT);
  });

  it('none for a snapshot of an older mediajobs, whose first line is a ref (it cannot be resumed safely)', async () => {
    const header = headerOf('run-1', filter());
    const path = snapshotFile([JSON.stringify(oldTavusVideo), JSON.stringify(header)]);
    expect(await readHeader(path)).toBeUndefined();
  });

  it('none for a header of another version (a newer mediajobs may record the filter otherwise)', async () => {
    const path = snapshotFile([JSON.stringify({ ...headerOf('run-1', filter()), version: 2 })]);
    expect(await readHeader(path)).toBeUndefined();
  });
});

describe('differences: what a resumed run asks for against the snapshot’s filter', () => {
  it('the same vendors, upstreams and kinds in another order are no difference, whichever side is unsorted', () => {
    const recorded = filter({
      providers: ['a2e', 'tavus'],
      upstreams: ['anthropic', 'openai'],
      kinds: ['image', 'video'],
    });
    expect(
      differences(recorded, {
        providers: ['tavus', 'a2e'],
        upstreams: ['openai', 'anthropic'],
        kinds: ['video', 'image'],
      }),
    ).toEqual([]);
    // A snapshot written with its lists in another order (by hand, or another version) compares the same.
    const unsorted = filter({
      providers: ['tavus', 'a2e'],
      upstreams: ['openai', 'anthropic'],
      kinds: ['video', 'image'],
    });
    expect(
      differences(unsorted, {
        providers: ['a2e', 'tavus'],
        upstreams: ['anthropic', 'openai'],
        kinds: ['image', 'video'],
      }),
    ).toEqual([]);
  });

  it('other vendors are named, both lists as given', () => {
    expect(differences(filter({ providers: ['a2e', 'tavus'] }), { providers: ['bifrost', 'tensorslab'] })).toEqual([
      '--provider bifrost,tensorslab, but the snapshot lists a2e,tavus',
    ]);
  });

  it('other upstreams are named; a snapshot that listed per no upstream says none', () => {
    const recorded = filter({ providers: ['bifrost'], upstreams: ['anthropic', 'openai'] });
    expect(differences(recorded, { upstreams: ['gemini', 'openai'] })).toEqual([
      '--upstream gemini,openai, but the snapshot lists anthropic,openai',
    ]);
    expect(differences(filter({ upstreams: [] }), { upstreams: ['openai'] })).toEqual([
      '--upstream openai, but the snapshot lists none',
    ]);
  });

  it('other kinds are named, both lists as given', () => {
    expect(differences(filter({ kinds: ['image', 'video'] }), { kinds: ['replica', 'video'] })).toEqual([
      '--kind replica,video, but the snapshot lists image,video',
    ]);
  });

  it('--hard against a snapshot listed without it is a difference; against one listed with it, none', () => {
    expect(differences(filter({ hard: false }), { hard: true })).toEqual([
      '--hard, but the snapshot was listed without it',
    ]);
    expect(differences(filter({ hard: true }), { hard: true })).toEqual([]);
  });

  it('every difference is named, one phrase each; what the command line left out is none', () => {
    expect(differences(filter(), {})).toEqual([]);
    expect(
      differences(filter(), { olderThanMs: 12 * HOUR, providers: ['tavus'], kinds: ['replica'], hard: true }),
    ).toHaveLength(4);
  });
});

describe('outsideFilter: a snapshot ref is deleted only when inside the filter', () => {
  it('a job created before the cutoff, of a vendor and kind the filter names, is inside', () => {
    expect(outsideFilter(oldTavusVideo, filter())).toBeUndefined();
  });

  it('a job created exactly at the cutoff is outside (--older-than is strict)', () => {
    const atCutoff = { ...oldTavusVideo, createdAt: filter().cutoff };
    expect(outsideFilter(atCutoff, filter())).toBe(
      'it was created at 2024-06-01T00:00:00.000Z, not before 2024-06-01T00:00:00.000Z',
    );
  });

  it('a creation time that is not a date string (a bare number) is no creation time: outside', () => {
    // Date.parse(2020) would read the number as the year 2020, long before the cutoff.
    const numbered = { ...oldTavusVideo, createdAt: 2020 } as unknown as ListedRef;
    expect(outsideFilter(numbered, filter())).toBe('it has no creation time');
  });

  it('a vendor this mediajobs does not know (named by a newer one’s snapshot) is outside, not a crash', () => {
    const unknown = { ...oldTavusVideo, provider: 'newvendor' } as unknown as ListedRef;
    const reason = outsideFilter(unknown, filter({ providers: ['newvendor'] as unknown as PurgeFilter['providers'] }));
    expect(reason).toBe("its kind video is not the filter's");
  });

  it('a ref without a kind (an older snapshot) is of its vendor’s first kind, and the reason names that kind', () => {
    const { kind: _, ...withoutKind } = oldTavusVideo;
    expect(outsideFilter(withoutKind, filter())).toBeUndefined();
    expect(outsideFilter(withoutKind, filter({ kinds: ['replica'] }))).toBe("its kind video is not the filter's");
  });

  it('a gateway job listed under any one of the filter’s upstreams is inside; under another, outside', () => {
    const gateway = filter({ providers: ['bifrost'], upstreams: ['anthropic', 'openai'] });
    const listed = (id: string): ListedRef => ({
      provider: 'bifrost',
      id,
      kind: 'video',
      createdAt: '2024-01-01T00:00:00Z',
    });
    expect(outsideFilter(listed('job-1:openai'), gateway)).toBeUndefined();
    expect(outsideFilter(listed('job-2:anthropic'), gateway)).toBeUndefined();
    expect(outsideFilter(listed('job-3:gemini'), gateway)).toBe("its upstream is not among the filter's");
  });
});

describe('age (--older-than)', () => {
  it('reads days, hours and minutes, with fractions and spaces around', () => {
    expect(age('30d')).toBe(30 * DAY);
    expect(age(' 12h ')).toBe(12 * HOUR);
    expect(age('1.5h')).toBe(90 * MINUTE);
    expect(age('0.25d')).toBe(6 * HOUR);
  });

  it('refuses what is not one number and one unit: a sign, a compound age, a bare number, an unknown unit', () => {
    // Each would otherwise be read as some other age, and match other jobs.
    for (const value of ['-30d', '1d12h', '30d!', '30', '30s']) {
      expect(() => age(value), value).toThrow(InvalidArgumentError);
    }
    expect(() => age('1d12h')).toThrow('expected a number and a unit');
  });
});

describe('formatAge', () => {
  it('gives an age in the largest unit it is a whole number of, as --older-than takes it', () => {
    expect(formatAge(30 * DAY)).toBe('30d');
    expect(formatAge(12 * HOUR)).toBe('12h');
    expect(formatAge(90 * MINUTE)).toBe('90m');
  });

  it('an age of no whole unit (--older-than 0.5m) is given in milliseconds', () => {
    expect(formatAge(age('0.5m'))).toBe('30000ms');
  });
});
