// The ledger's key and subjects at their limits: how long, where a bad key came from, a key file
// that is not a plain file, a stored key check that is not one.
import { existsSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { checkRecordInput, KEY_VARIABLE, LedgerError, MAX_SUBJECT_LENGTH, openLedger } from '../src/index.js';
import { TEST_KEY, tempFolder } from './backends.js';

const newLedgerFile = () => join(tempFolder(), 'ledger.db');

describe('the ledger key', () => {
  it('takes 32 characters and no fewer, and says whether the short one came from the option or the environment', async () => {
    const file = newLedgerFile();
    await (await openLedger(`sqlite:${file}`, { key: 'k'.repeat(32) })).close();
    await expect(openLedger(`sqlite:${file}`, { key: 'k'.repeat(31) })).rejects.toThrow(
      /^the ledger key from the key option is too short: at least 32 characters/,
    );
    await expect(openLedger(`sqlite:${file}`, { env: { [KEY_VARIABLE]: 'k'.repeat(31) } })).rejects.toThrow(
      /^the ledger key from MEDIAJOBS_LEDGER_KEY is too short/,
    );
  });

  it('is not written through a key file that is a link to elsewhere', async () => {
    const file = newLedgerFile();
    const elsewhere = join(file, '..', 'elsewhere');
    symlinkSync(elsewhere, `${file}.key`); // dangling: a new ledger would create its key where it points
    await expect(openLedger(`sqlite:${file}`, { env: {} })).rejects.toThrow(`${file}.key`);
    expect(existsSync(elsewhere)).toBe(false);
  });

  it('is refused, as another key, when the key check stored in the ledger is not one', async () => {
    const file = newLedgerFile();
    await (await openLedger(`sqlite:${file}`, { key: TEST_KEY })).close();
    const raw = new Database(file);
    raw.prepare("UPDATE ledger_meta SET value = 'damaged' WHERE name = 'key-check'").run();
    raw.close();
    const opening = openLedger(`sqlite:${file}`, { key: TEST_KEY });
    await expect(opening).rejects.toThrow(/was made with another key/);
    await expect(opening).rejects.toBeInstanceOf(LedgerError);
  });
});

describe('a subject', () => {
  it(`takes up to ${MAX_SUBJECT_LENGTH} characters`, async () => {
    const file = newLedgerFile();
    const ledger = await openLedger(`sqlite:${file}`, { key: TEST_KEY });
    const longest = 'x'.repeat(MAX_SUBJECT_LENGTH);
    expect(await ledger.record({ subject: longest, provider: 'tavus', id: 'v1' })).toBe(true);
    expect((await ledger.find(longest)).map((r) => r.id)).toEqual(['v1']);
    await expect(ledger.find(`${longest}x`)).rejects.toThrow(`at most ${MAX_SUBJECT_LENGTH} characters, got 1001`);
    await ledger.close();
  });

  it('that is not a string is refused, naming what it was', () => {
    const record = { provider: 'tavus', id: 'v1' };
    expect(() => checkRecordInput({ ...record, subject: null })).toThrow(/subject must be a string .*, got null$/);
    expect(() => checkRecordInput({ ...record, subject: 42 })).toThrow(/subject must be a string .*, got number$/);
    expect(() => checkRecordInput({ ...record })).toThrow(/subject must be a string .*, got undefined$/);
  });
});
