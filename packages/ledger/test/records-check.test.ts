// checkRecordInput: a record checked before anything is written (e.g. every line of a file), with
// messages that say what was wrong and where.
import { InvalidRequestError } from 'mediajobs';
import { describe, expect, it } from 'vitest';
import { checkRecordInput, LedgerInputError } from '../src/index.js';

const good = { subject: 'user-1', provider: 'tavus', id: 'v1' };

function refusal(input: unknown, where?: string): LedgerInputError {
  try {
    checkRecordInput(input, where);
  } catch (error) {
    expect(error).toBeInstanceOf(LedgerInputError);
    return error as LedgerInputError;
  }
  throw new Error(`${JSON.stringify(input)} was taken`);
}

describe('checkRecordInput', () => {
  it('names "a record" in its messages unless told where the record came from', () => {
    expect(refusal(42).message).toMatch(/^a record must be an object/);
    expect(refusal({ ...good, id: 7 }).message).toMatch(/^a record: id must be a string/);
    expect(refusal(42, 'line 3').message).toMatch(/^line 3 must be an object/);
  });

  it('refuses null as a record with its own message, not a crash', () => {
    expect(refusal(null).message).toMatch(/must be an object \{ subject, provider, kind\?, id, createdAt\? \}/);
  });

  it('says what a non-string id was: null, or its type', () => {
    expect(refusal({ ...good, id: null }).message).toMatch(/id must be a string .*, got null$/);
    expect(refusal({ ...good, id: 42 }).message).toMatch(/id must be a string .*, got number$/);
    expect(refusal({ ...good, id: { value: 'v1' } }).message).toMatch(/id must be a string .*, got object$/);
  });

  it("keeps the facade's refusal of a provider or kind as the cause", () => {
    const error = refusal({ ...good, provider: 'openai' });
    expect(error.message).toMatch(/^a record: unknown provider "openai"/);
    expect(error.cause).toBeInstanceOf(InvalidRequestError);
  });

  it('takes creation times from 1970-01-01 on, and refuses earlier ones', () => {
    for (const createdAt of [0, new Date(0), '1970-01-01T00:00:00Z', Date.UTC(2026, 0, 1)]) {
      expect(() => checkRecordInput({ ...good, createdAt })).not.toThrow();
    }
    for (const createdAt of [-1, '1969-12-31T23:59:59Z']) {
      expect(refusal({ ...good, createdAt }).message).toMatch(/createdAt must be a date .*, got /);
    }
  });

  it('refuses a creation time no date can hold, such as nanoseconds since 1970, which no report could show', () => {
    const latest = new Date('+275760-09-13T00:00:00Z').getTime();
    expect(() => checkRecordInput({ ...good, createdAt: latest })).not.toThrow();
    for (const createdAt of [latest + 1, 1_767_225_600_000_000_000]) {
      expect(refusal({ ...good, createdAt }).message).toMatch(/createdAt must be a date .*, got /);
    }
  });
});
