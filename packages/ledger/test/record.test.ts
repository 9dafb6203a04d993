// Recording: what is stored (never the subject), what is refused (whole batches), on both backends.
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { LedgerInputError, MAX_SUBJECT_LENGTH } from '../src/index.js';
import { BACKENDS, freshLedgerAt, TEST_KEY } from './backends.js';

describe.each(BACKENDS)('recording on $name', (backend) => {
  const open = () => freshLedgerAt(backend);

  it('records resources per subject, once each, with their creation time, and finds them', async () => {
    const { ledger } = await open();
    const createdAt = new Date('2026-11-01T10:00:00Z');
    expect(await ledger.record({ subject: 'user-42', provider: 'tavus', id: 'v1', createdAt })).toBe(true);
    expect(await ledger.record({ subject: 'user-42', provider: 'tavus', id: 'v1', createdAt })).toBe(false);
    expect(
      await ledger.recordMany([
        { subject: 'user-42', provider: 'tavus', kind: 'replica', id: 'r1', createdAt: '2026-10-01T00:00:00Z' },
        { subject: 'user-42', provider: 'tensorslab', kind: 'image', id: 't1', createdAt: Date.UTC(2026, 9, 15) },
        { subject: 'user-7', provider: 'a2e', kind: 'voice', id: 'vc1' },
        { subject: 'user-42', provider: 'tavus', id: 'v1' },
      ]),
    ).toEqual({ recorded: 3, already: 1 });
    const found = await ledger.find('user-42');
    expect(found.map((r) => `${r.provider} ${r.kind} ${r.id} ${r.createdAt.toISOString()}`)).toEqual([
      'tavus replica r1 2026-10-01T00:00:00.000Z',
      'tensorslab image t1 2026-10-15T00:00:00.000Z',
      'tavus video v1 2026-11-01T10:00:00.000Z',
    ]);
    expect(await ledger.find('user-43')).toEqual([]);
    expect(await ledger.stats()).toMatchObject({ subjects: 2, resources: 4, erased: 0, erasures: { total: 0 } });
  });

  it('stores a keyed hash of the subject, never the subject', async () => {
    const { ledger, location } = await open();
    const subject = 'alice@example.com';
    await ledger.record({ subject, provider: 'a2e', kind: 'avatar', id: 'av1' });
    const expected = createHmac('sha256', TEST_KEY).update(subject).digest('hex');
    let stored: string;
    if (backend.name === 'sqlite') {
      await ledger.close(); // closed again when the test finishes: harmless on SQLite
      stored = ['', '-wal'].map((suffix) => readFileSafe(`${location.slice('sqlite:'.length)}${suffix}`)).join('');
    } else {
      const client = new pg.Client({ connectionString: location });
      await client.connect();
      const dump = await client.query('SELECT * FROM resources');
      stored = JSON.stringify(dump.rows);
      await client.end();
    }
    expect(stored).not.toContain(subject);
    expect(stored).not.toContain('alice');
    expect(stored).toContain(expected);
  });

  it('keeps quotes, NULs and SQL in subjects and quotes in ids as data', async () => {
    const { ledger } = await open();
    const subjects = ['o\'brien"; DROP TABLE resources; --', 'nul\u0000inside', 'ünïcödé 🙂'];
    for (const [i, subject] of subjects.entries()) {
      await ledger.record({ subject, provider: 'tavus', id: `it's "v${i}"` });
    }
    for (const [i, subject] of subjects.entries()) {
      expect((await ledger.find(subject)).map((r) => r.id)).toEqual([`it's "v${i}"`]);
    }
    expect(await ledger.find('nul')).toEqual([]);
    expect((await ledger.stats()).resources).toBe(3);
  });

  it('refuses bad records with a clear error, and a batch with one writes nothing', async () => {
    const { ledger } = await open();
    const good = { subject: 'user-1', provider: 'tavus', id: 'v1' };
    const cases: [unknown, RegExp][] = [
      [{ ...good, subject: '' }, /subject must not be empty/],
      [{ ...good, subject: '   ' }, /subject must not be empty/],
      [
        { ...good, subject: 'x'.repeat(100 * 1024) },
        new RegExp(`at most ${MAX_SUBJECT_LENGTH} characters, got 102400`),
      ],
      [{ ...good, subject: 42 }, /subject must be a string/],
      [{ ...good, provider: 'openai' }, /unknown provider "openai"/],
      [{ ...good, kind: 'image' }, /tavus: no kind "image"/],
      [{ ...good, id: 42 }, /id must be a string/],
      [{ ...good, id: '' }, /id/],
      [{ ...good, id: 'a\u0000b' }, /control character/],
      [{ ...good, id: '..' }, /id/],
      [{ ...good, createdAt: 'yesterday' }, /createdAt must be a date/],
      [{ ...good, createdAt: 1_767_225_600_000_000_000 }, /createdAt must be a date/], // nanoseconds
      ['not a record', /must be an object/],
      [null, /must be an object/],
      [{ ...good, id: null }, /id must be a string .*, got null/],
    ];
    for (const [input, message] of cases) {
      const attempt = ledger.recordMany([good, input as never]);
      await expect(attempt).rejects.toThrow(message);
      await expect(attempt).rejects.toBeInstanceOf(LedgerInputError);
    }
    await expect(ledger.recordMany([good, cases[0]?.[0] as never])).rejects.toThrow(/^record 2: /);
    expect((await ledger.stats()).resources).toBe(0);
  });

  it('records in batches larger than one statement takes', async () => {
    const { ledger } = await open();
    const records = Array.from({ length: 1_234 }, (_, i) => ({
      subject: `s${i % 10}`,
      provider: 'tavus',
      id: `v${i}`,
    }));
    expect(await ledger.recordMany(records)).toEqual({ recorded: 1_234, already: 0 });
    expect((await ledger.find('s3')).length).toBe(124); // 3, 13, ..., 1233
  });
});

function readFileSafe(path: string): string {
  try {
    return readFileSync(path).toString('latin1');
  } catch {
    return '';
  }
}
