// The SQLite file itself: what a file that is not a ledger, a path that cannot be made, a symlink and
// closing do to it, and the lock file that lets one eraser at a time run on it.
import { existsSync, lstatSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createMediaJobs, type MediaJobs } from 'mediajobs';
import { describe, expect, it } from 'vitest';
import { LedgerError, openLedger } from '../src/index.js';
import { drain, modeOf, TEST_KEY, tempFolder } from './backends.js';

async function failure(promise: Promise<unknown>): Promise<Error & { cause?: { code?: string } }> {
  return promise.then(
    () => expect.unreachable('it should have failed'),
    (error: Error & { cause?: { code?: string } }) => error,
  );
}

/** A facade whose Tavus calls wait until `open()`, then answer 404 (the resource is already gone). */
function gatedTavus(): { jobs: MediaJobs; called: Promise<void>; open(): void } {
  let open = () => {};
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  let called = () => {};
  const firstCall = new Promise<void>((resolve) => {
    called = resolve;
  });
  const jobs = createMediaJobs({
    tavus: { apiKey: 'sk_test_sqlite_gate', baseUrl: 'http://tavus.invalid' },
    fetch: async () => {
      called();
      await gate;
      return new Response(JSON.stringify({ message: 'not found' }), {
        status: 404,
        headers: { 'content-type': 'application/json' },
      });
    },
  });
  return { jobs, called: firstCall, open };
}

describe('an SQLite ledger file', () => {
  it('a file that is not a ledger is refused with a LedgerError naming it, and left as it was', async () => {
    const file = join(tempFolder(), 'notes.db');
    const text = 'not a database: notes someone kept where the ledger should be\n'.repeat(4);
    writeFileSync(file, text);
    const error = await failure(openLedger(`sqlite:${file}`, { key: TEST_KEY }));
    expect(error).toBeInstanceOf(LedgerError);
    expect(error.message).toBe(`cannot open the SQLite ledger ${file}: file is not a database`);
    expect(error.cause?.code).toBe('SQLITE_NOTADB');
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('a ledger that cannot be created: the error says where, and keeps the system’s reason as its cause', async () => {
    const dir = tempFolder();
    writeFileSync(join(dir, 'blocker'), '');
    const file = join(dir, 'blocker', 'ledger.db');
    const error = await failure(openLedger(`sqlite:${file}`, { key: TEST_KEY }));
    expect(error).toBeInstanceOf(LedgerError);
    expect(error.message).toMatch(`cannot create the SQLite ledger ${file}: `);
    expect(error.cause?.code).toBe('ENOTDIR');
  });

  it('a ledger path that is a symlink to a file not there yet: the file is created readable by its owner only', async () => {
    const dir = tempFolder();
    const target = join(dir, 'volume-ledger.db');
    const link = join(dir, 'ledger.db');
    symlinkSync(target, link);
    const ledger = await openLedger(`sqlite:${link}`, { key: TEST_KEY });
    try {
      await ledger.record({ subject: 'user-1', provider: 'tavus', id: 'v1' });
      expect(lstatSync(link).isSymbolicLink()).toBe(true);
      expect(modeOf(target)).toBe('600');
      expect(modeOf(`${target}-wal`)).toBe('600');
    } finally {
      await ledger.close();
    }
  });

  it('a damaged ledger file is reported as SQLite finds it, not as busy', async () => {
    const file = join(tempFolder(), 'ledger.db');
    const ledger = await openLedger(`sqlite:${file}`, { key: TEST_KEY });
    await ledger.record({ subject: 'user-1', provider: 'tavus', id: 'v1' });
    await ledger.close();
    // Every page but the first (the schema) overwritten: the tables' own pages are garbage.
    const bytes = readFileSync(file);
    bytes.fill(0xa5, 4096);
    writeFileSync(file, bytes);
    const error = await failure(openLedger(`sqlite:${file}`, { key: TEST_KEY }));
    expect(error.message).toMatch(/malformed/);
    expect(error.message).not.toMatch(/busy/);
  });

  it('closing leaves one self-contained file: the write-ahead log is folded back in', async () => {
    const file = join(tempFolder(), 'ledger.db');
    const ledger = await openLedger(`sqlite:${file}`, { key: TEST_KEY });
    await ledger.record({ subject: 'user-1', provider: 'tavus', id: 'v1' });
    expect(existsSync(`${file}-wal`)).toBe(true);
    await ledger.close();
    expect(existsSync(`${file}-wal`)).toBe(false);
    // A copy of the file alone (a backup) holds the record.
    const copy = join(tempFolder(), 'copy.db');
    writeFileSync(copy, readFileSync(file));
    const restored = await openLedger(`sqlite:${copy}`, { key: TEST_KEY });
    expect(await restored.find('user-1')).toHaveLength(1);
    await restored.close();
  });
});

describe('the eraser lock of an SQLite ledger', () => {
  it('a second eraser while one runs is refused at once, not after waiting', async () => {
    const ledger = await openLedger(`sqlite:${join(tempFolder(), 'ledger.db')}`, { key: TEST_KEY });
    const vendor = gatedTavus();
    try {
      await ledger.recordMany([
        { subject: 'user-1', provider: 'tavus', id: 'v1' },
        { subject: 'user-2', provider: 'tavus', id: 'v2' },
      ]);
      const running = drain(ledger.erase('user-1', vendor.jobs, { concurrency: 1 }));
      await vendor.called; // its delete is in flight: it holds the lock
      const started = performance.now();
      await expect(drain(ledger.erase('user-2', vendor.jobs))).rejects.toThrow(/another erasure is running/);
      expect(performance.now() - started).toBeLessThan(2_000);
      vendor.open();
      expect(await running).toMatchObject([{ id: 'v1', outcome: 'already-gone' }]);
    } finally {
      vendor.open();
      await ledger.close();
    }
  });

  it('a damaged lock file fails the erasure with SQLite’s reason, not as another erasure running', async () => {
    const file = join(tempFolder(), 'ledger.db');
    const ledger = await openLedger(`sqlite:${file}`, { key: TEST_KEY });
    try {
      await ledger.record({ subject: 'user-1', provider: 'tavus', id: 'v1' });
      writeFileSync(`${file}.erase.lock`, 'overwritten by mistake\n'.repeat(8));
      const vendor = gatedTavus();
      vendor.open();
      const error = await failure(drain(ledger.erase('user-1', vendor.jobs)));
      expect(error.message).toMatch(/file is not a database/);
      expect(error.message).not.toMatch(/another erasure/);
    } finally {
      await ledger.close();
    }
  });
});
