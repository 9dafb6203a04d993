import { describe, expect, it } from 'vitest';
import { createRedactor, nestedDeeperThan, REDACTED, ServerError, secretHeaderValues } from '../src/index.js';

const KEY = 'sk/key+"1&2 3';
const redactor = (keys: (string | undefined)[] = [KEY]) => createRedactor(() => keys);

describe('createRedactor', () => {
  it.each([
    ['exact', KEY],
    ['percent-encoded', encodeURIComponent(KEY)],
    ['percent-encoded, lower-case hex', encodeURIComponent(KEY).replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase())],
    ['form-encoded', encodeURIComponent(KEY).replace(/%20/g, '+')],
    ['JSON-escaped', JSON.stringify(KEY).slice(1, -1)],
    ['JSON-escaped with \\/', JSON.stringify(KEY).slice(1, -1).replace(/\//g, '\\/')],
    ['HTML-escaped by name', 'sk/key+&quot;1&amp;2 3'],
    ['HTML-escaped by number', 'sk/key+&#34;1&#38;2 3'],
  ])('finds the key %s', (_, form) => {
    expect(redactor().text(`before ${form} after`)).toBe(`before ${REDACTED} after`);
  });

  it('redacts every key it is given, however short, and remembers keys it has seen', () => {
    const keys: (string | undefined)[] = ['ab'];
    const r = createRedactor(() => keys);
    expect(r.text('xab ab')).toBe(`x${REDACTED} ${REDACTED}`);
    keys.splice(0, 1, 'cd', undefined, '');
    expect(r.text('ab cd')).toBe(`${REDACTED} ${REDACTED}`);
  });

  it('returns the same value when nothing holds a key, and copies only what changed', () => {
    const clean = { a: ['x', { b: 1 }], c: null };
    expect(redactor().value(clean)).toBe(clean);
    const dirty = { keep: { n: 1 }, list: ['ok', `k=${KEY}`], [KEY]: 'name' };
    const result = redactor().value(dirty);
    expect(result).toEqual({ keep: { n: 1 }, list: ['ok', `k=${REDACTED}`], [REDACTED]: 'name' });
    expect(result.keep).toBe(dirty.keep);
    expect(dirty.list[1]).toBe(`k=${KEY}`);
  });

  it('survives cycles', () => {
    const cyclic: Record<string, unknown> = { text: KEY };
    cyclic.self = cyclic;
    const result = redactor().value(cyclic) as Record<string, unknown>;
    expect(result.text).toBe(REDACTED);
  });

  it('mends a mediajobs error in place and replaces a foreign cause that holds the key', () => {
    const cause = Object.assign(new TypeError(`Headers.set: "${KEY}" is invalid`), { detail: { key: KEY } });
    const error = new ServerError(`tavus: ${KEY}`, { code: KEY, requestId: KEY, cause });
    const result = redactor().error(error);
    expect(result).toBe(error);
    expect([error.message, error.code, error.requestId]).toEqual([`tavus: ${REDACTED}`, REDACTED, REDACTED]);
    expect(error.stack).not.toContain(KEY);
    const replaced = error.cause as Error;
    expect(replaced).not.toBe(cause);
    expect([replaced.name, replaced.message]).toEqual(['TypeError', `Headers.set: "${REDACTED}" is invalid`]);
    expect(replaced.stack).not.toContain(KEY);
  });

  it('keeps a foreign cause that holds no key', () => {
    const cause = new TypeError('fetch failed');
    const error = new ServerError('tavus: down', { cause });
    expect((redactor().error(error) as Error).cause).toBe(cause);
  });

  it('does nothing when it knows no key', () => {
    expect(redactor([undefined]).text('anything')).toBe('anything');
  });
});

describe('secretHeaderValues', () => {
  it('is every custom header value but blank ones and those of headers that never carry a credential', () => {
    expect(
      secretHeaderValues({
        Accept: 'application/json',
        'accept-language': 'en',
        'content-type': 'application/json',
        'User-Agent': 'my-app/1.0',
        'x-tenant-token': 'tok_1',
        'x-bf-vk': 'sk-bf-2',
        'x-blank': ' ',
        'x-empty': '',
      }),
    ).toEqual(['tok_1', 'sk-bf-2']);
    expect(secretHeaderValues(undefined)).toEqual([]);
  });

  it("skips a value that is not text (a JavaScript caller's number) instead of failing on it", () => {
    expect(secretHeaderValues({ 'x-retries': 3 as unknown as string, 'x-tenant-token': 'tok_1' })).toEqual(['tok_1']);
  });
});

describe('values nested deeper than any stack allows', () => {
  /** `levels` arrays and objects in one another around `inner`. */
  const nest = (levels: number, inner: unknown): unknown => {
    let value = inner;
    for (let n = 0; n < levels; n += 1) value = n % 2 === 0 ? [value] : { a: value };
    return value;
  };

  it('the redactor never throws a RangeError: below 500 levels, what it cannot walk becomes [redacted]', () => {
    const deep = nest(100_000, KEY);
    expect(() => redactor().value(deep)).not.toThrow();
    const within = nest(400, 'plain');
    expect(redactor().value(within)).toBe(within);
    expect(JSON.stringify(redactor().value(nest(400, `x ${KEY}`)))).toContain(`"x ${REDACTED}"`);
    const below = JSON.stringify(redactor().value(nest(600, 'plain')));
    expect(below).toContain(`"${REDACTED}"`);
    expect(below).not.toContain('plain');
    // A cause chain as long is cut the same way.
    let error: Error = new ServerError(`a ${KEY}`);
    for (let n = 0; n < 100_000; n += 1) error = new Error('wrapped', { cause: error });
    expect(() => redactor().error(error)).not.toThrow();
  });

  it('nestedDeeperThan counts levels of arrays and objects, iteratively', () => {
    expect(nestedDeeperThan(nest(100, 1), 100)).toBe(false);
    expect(nestedDeeperThan(nest(101, 1), 100)).toBe(true);
    expect(nestedDeeperThan(nest(100_000, 1), 100)).toBe(true);
    expect(nestedDeeperThan('text', 0)).toBe(false);
    expect(nestedDeeperThan({ a: [1, { b: 2 }], c: 'x' }, 3)).toBe(false);
    expect(nestedDeeperThan({ a: [1, { b: {} }], c: 'x' }, 3)).toBe(true);
  });
});
