// What the redactor must never let through, in the places a key hides that the simple cases do not reach:
// a key only in a field name, a key only in a foreign error's cause, keys that share a prefix, a stack a logger
// read before the error was redacted. (Found by mutation testing, issue 28: each test here failed with one
// operator of redact.ts changed.)
import { describe, expect, it } from 'vitest';
import { createRedactor, REDACTED, ServerError } from '../src/index.js';

const KEY = 'sk_live_7c1e0b5d';
const redactor = (keys: string[] = [KEY]) => createRedactor(() => keys);

describe('a key the redactor knows never comes back', () => {
  it('from an object whose only trace of it is a field name', () => {
    const raw = { [KEY]: 'x', plain: 1 };
    expect(redactor().value(raw)).toEqual({ [REDACTED]: 'x', plain: 1 });
  });

  it('from a foreign error whose own text is clean but whose cause holds it', () => {
    const error = new TypeError('fetch failed', { cause: new Error(`connect to https://x?key=${KEY}`) });
    const result = redactor().error(error);
    expect(result).not.toBe(error);
    expect(result.name).toBe('TypeError');
    expect(result.message).toBe('fetch failed');
    expect((result.cause as Error).message).toBe(`connect to https://x?key=${REDACTED}`);
    expect(JSON.stringify(result, Object.getOwnPropertyNames(result))).not.toContain(KEY);
  });

  it('whole, when another key is a prefix of it (the longer is replaced first)', () => {
    const short = 'tok_abc';
    const long = 'tok_abcdef123';
    for (const keys of [
      [short, long],
      [long, short],
    ]) {
      expect(redactor(keys).text(`a=${long} b=${short}`)).toBe(`a=${REDACTED} b=${REDACTED}`);
    }
  });

  it("from a mediajobs error's stack that a logger read before redaction", () => {
    const error = new ServerError(`tavus: bad key ${KEY}`, { provider: 'tavus' });
    expect(error.stack).toContain(KEY); // read (and so formatted) before redaction, as a logger does
    redactor().error(error);
    expect(error.stack).not.toContain(KEY);
    expect(error.stack).toContain(`tavus: bad key ${REDACTED}`);
  });

  it("from a foreign error's stack that was read before redaction", () => {
    const error = new TypeError(`Headers.set: ${KEY} is invalid`);
    expect(error.stack).toContain(KEY);
    const result = redactor().error(error);
    expect(result.stack).toBeDefined();
    expect(result.stack).not.toContain(KEY);
  });

  it('from a foreign error whose key is only in its stack or in a field of its own', () => {
    const inStack = new Error('clean');
    inStack.stack = `Error: clean\n    at https://x/?key=${KEY}`;
    expect(redactor().error(inStack).stack).not.toContain(KEY);
    const inField = Object.assign(new Error('clean'), { config: { url: `https://x/?key=${KEY}` } });
    const copy = redactor().error(inField);
    expect(copy).not.toBe(inField);
    expect(JSON.stringify(copy, Object.getOwnPropertyNames(copy))).not.toContain(KEY);
  });
});
