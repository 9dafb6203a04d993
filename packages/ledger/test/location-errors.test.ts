// Ledger locations that are not one: refused with why, before any file is made or server called.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LedgerInputError, openLedger } from '../src/index.js';
import { TEST_KEY, tempFolder } from './backends.js';

describe('a ledger location', () => {
  it('must be given: no location, or only spaces, says what one looks like', async () => {
    for (const location of [undefined, '   ']) {
      const opening = openLedger(location as unknown as string, { key: TEST_KEY });
      await expect(opening).rejects.toThrow(
        /^a ledger location must be `sqlite:<file>` or `postgres:\/\/user@host\/database`$/,
      );
      await expect(opening).rejects.toBeInstanceOf(LedgerInputError);
    }
  });

  it('is refused when another program would read it differently (JDBC URLs), with no file made', async () => {
    const dir = tempFolder();
    for (const location of [`jdbc:sqlite:${join(dir, 'ledger.db')}`, 'jdbc:postgresql://db.example/ledger']) {
      await expect(openLedger(location, { env: {} })).rejects.toThrow(
        `unknown ledger location ${JSON.stringify(location)}: use \`sqlite:<file>\``,
      );
    }
    expect(readdirSync(dir)).toEqual([]);
  });

  it('is refused with a line break in its path, not cut at it', async () => {
    const dir = tempFolder();
    const location = `sqlite:${join(dir, 'ledger')}\n.db`;
    await expect(openLedger(location, { key: TEST_KEY })).rejects.toThrow(
      /^unknown ledger location "sqlite:.*\\n\.db"/,
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  it('is refused when its SQLite path is only spaces, with no file made where the process runs', async () => {
    const cwd = process.cwd();
    process.chdir(tempFolder());
    try {
      await expect(openLedger('sqlite:   ', { key: TEST_KEY })).rejects.toThrow(
        /^unknown ledger location "sqlite: {3}"/,
      );
      expect(existsSync('   ')).toBe(false);
    } finally {
      process.chdir(cwd);
    }
  });

  it('is echoed without the password when it is not one', async () => {
    const opening = openLedger('mysql://admin:hunter2@db.example/ledger', { key: TEST_KEY });
    await expect(opening).rejects.toThrow(/^unknown ledger location "mysql:\/\/\*\*\*@db\.example\/ledger"/);
    await expect(opening).rejects.not.toThrow(/hunter2/);
  });
});
