// Another process holding the SQLite ledger's write lock: a write waits for it (10 s), then says what
// happened and what to do instead of SQLite's terse SQLITE_BUSY. Takes those 10 s: a file of its own,
// so that it runs beside the other files.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { LedgerError, openLedger } from '../src/index.js';
import { TEST_KEY } from './backends.js';

const BETTER_SQLITE3 = createRequire(import.meta.url).resolve('better-sqlite3');

/** Another process that takes the write lock of `file` and keeps it until its stdin ends. */
async function holdWriteLock(file: string): Promise<ChildProcess> {
  const script = `
    import Database from ${JSON.stringify(BETTER_SQLITE3)};
    const db = new Database(${JSON.stringify(file)});
    db.exec('BEGIN IMMEDIATE');
    db.prepare("INSERT INTO ledger_meta (name, value) VALUES ('other-writer', 'x')").run();
    process.stdout.write('holding\\n');
    process.stdin.on('end', () => { db.exec('ROLLBACK'); db.close(); });
    process.stdin.resume();`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
  const [chunk] = (await once(child.stdout as NodeJS.ReadableStream, 'data')) as [Buffer];
  expect(chunk.toString()).toBe('holding\n');
  return child;
}

it('a write waits 10 s for another process’s write, then fails saying the ledger is busy and what to do', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mediajobs-busy-'));
  const file = join(dir, 'ledger.db');
  const ledger = await openLedger(`sqlite:${file}`, { key: TEST_KEY });
  let other: ChildProcess | undefined;
  try {
    other = await holdWriteLock(file);
    const started = performance.now();
    const error = await ledger.record({ subject: 'user-1', provider: 'tavus', id: 'v1' }).then(
      () => expect.unreachable('the write should have failed'),
      (error: Error & { cause?: { code?: string } }) => error,
    );
    const waited = performance.now() - started;
    expect(error).toBeInstanceOf(LedgerError);
    expect(error.message).toBe(
      'the SQLite ledger is busy: another process kept writing to it for 10 s; try again, or use a PostgreSQL ledger for several processes',
    );
    expect(error.cause?.code).toBe('SQLITE_BUSY');
    expect(waited).toBeGreaterThanOrEqual(9_500);
    // Once the other process lets go, the same write goes through.
    other.stdin?.end();
    await once(other, 'exit');
    expect(await ledger.record({ subject: 'user-1', provider: 'tavus', id: 'v1' })).toBe(true);
  } finally {
    other?.kill();
    await ledger.close();
    rmSync(dir, { recursive: true, force: true });
  }
}, 30_000);
