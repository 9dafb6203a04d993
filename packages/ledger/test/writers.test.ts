// Two processes writing one SQLite ledger at once: the second waits for the first's transaction
// (busy timeout), nothing is lost, and the file passes SQLite's own integrity check.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import { openLedger } from '../src/index.js';
import { TEST_KEY } from './backends.js';

const run = promisify(execFile);
const DIST = join(import.meta.dirname, '..', 'dist', 'index.js');

it('two processes recording into one SQLite ledger: every record kept, the file intact', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mediajobs-writers-'));
  try {
    const location = `sqlite:${join(dir, 'ledger.db')}`;
    await (await openLedger(location, { key: TEST_KEY })).close();
    // Each writer: 40 transactions of 500 records, as fast as it can.
    const writer = (name: string) => `
      const { openLedger } = await import(${JSON.stringify(DIST)});
      const ledger = await openLedger(${JSON.stringify(location)}, { key: ${JSON.stringify(TEST_KEY)} });
      for (let batch = 0; batch < 40; batch += 1) {
        await ledger.recordMany(Array.from({ length: 500 }, (_, i) => ({ subject: '${name}', provider: 'tavus', id: '${name}-' + batch + '-' + i })));
      }
      await ledger.close();`;
    await Promise.all(['a', 'b'].map((name) => run(process.execPath, ['--input-type=module', '-e', writer(name)])));
    const ledger = await openLedger(location, { key: TEST_KEY });
    expect((await ledger.find('a')).length).toBe(20_000);
    expect((await ledger.find('b')).length).toBe(20_000);
    await ledger.close();
    const raw = new Database(join(dir, 'ledger.db'), { readonly: true });
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    raw.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
