// Shapes a key can arrive in that the other redaction tests do not reach: a value that refers to itself, the
// documented depth limit, a job whose vendor text holds the key in one place only, an error that is its own cause
// or is redacted again once the redactor knows another key, the JSON and HTML escapes of characters the other
// tests' keys do not have, and objects without a prototype. (Found by mutation testing, issue 28: each test here
// failed with one operator of redact.ts changed; the first one found a leak, fixed with it.)
import { describe, expect, it } from 'vitest';
import { createRedactor, type Job, REDACTED, ServerError } from '../src/index.js';

const KEY = 'sk_shape_4b9e';
const redactor = (keys: string[] = [KEY]) => createRedactor(() => keys);

describe('values that refer to themselves', () => {
  it('a cycle back to an object holding the key leads to the redacted copy, not the original', () => {
    const cyclic: Record<string, unknown> = { text: KEY };
    cyclic.self = cyclic;
    const result = redactor().value(cyclic) as Record<string, unknown>;
    expect(result.text).toBe(REDACTED);
    expect(result.self).toBe(result);
    const list: unknown[] = [`k=${KEY}`];
    list.push({ back: list });
    const copy = redactor().value(list) as unknown[];
    expect(copy[0]).toBe(`k=${REDACTED}`);
    expect((copy[1] as { back: unknown }).back).toBe(copy);
  });

  it('a clean object or foreign error met twice is itself both times (the value is not copied)', () => {
    const shared = { n: 1 };
    const cause = new TypeError('fetch failed');
    const value = { a: shared, b: shared, errors: [cause, cause] };
    expect(redactor().value(value)).toBe(value);
    const dirty = { a: shared, b: shared, note: KEY };
    const result = redactor().value(dirty) as typeof dirty;
    expect([result.a, result.b]).toEqual([shared, shared]);
    expect(result.b).toBe(shared);
  });

  it('a part named __proto__ (as JSON.parse makes) stays a part of the copy', () => {
    const parsed = JSON.parse(`{"__proto__": {"admin": true}, "note": "${KEY}"}`) as Record<string, unknown>;
    const result = redactor().value(parsed) as Record<string, unknown>;
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(result, '__proto__')?.value).toEqual({ admin: true });
    expect(result.note).toBe(REDACTED);
  });

  it('a foreign error that is its own cause: its copy is its own cause, and the original is not reached', () => {
    const error = new TypeError(`proxy refused ${KEY}`);
    Object.defineProperty(error, 'cause', { value: error, configurable: true });
    const result = redactor().error(error);
    expect(result).not.toBe(error);
    expect(result.message).toBe(`proxy refused ${REDACTED}`);
    expect(result.cause).toBe(result);
  });

  it('an error that is its own cause keeps itself as its cause', () => {
    const error = new ServerError(`tavus: ${KEY}`);
    Object.defineProperty(error, 'cause', { value: error, configurable: true });
    const result = redactor().error(error);
    expect(result.message).toBe(`tavus: ${REDACTED}`);
    expect(result.cause).toBe(result);
  });
});

describe('the depth limit, where it is documented', () => {
  const nest = (levels: number, inner: unknown): unknown => {
    let value = inner;
    for (let n = 0; n < levels; n += 1) value = { a: value };
    return value;
  };

  it('500 levels of objects are walked and redacted; what is below them is replaced whole', () => {
    expect(JSON.stringify(redactor().value(nest(500, `x ${KEY}`)))).toContain(`"x ${REDACTED}"`);
    expect(JSON.stringify(redactor().value(nest(500, { b: 'plain' })))).toContain('"plain"');
    expect(JSON.stringify(redactor().value(nest(501, { b: 'plain' })))).not.toContain('plain');
  });
});

describe('a job, whose vendor text may hold the key in any one place', () => {
  const job = (parts: Partial<Pick<Job, 'urls' | 'raw'>> & { error?: string }): Job => ({
    provider: 'tavus',
    id: 'v1',
    kind: 'video',
    status: 'failed',
    urls: [],
    raw: {},
    ...parts,
  });

  it.each([
    ['its error', { error: `quota for ${KEY}` }],
    ['its URLs', { urls: [`https://cdn.test/v1.mp4?key=${KEY}`] }],
    ['its raw answer', { raw: { callback: { token: KEY } } }],
  ])('the key in %s alone is redacted; the job’s own fields are kept', (_, part) => {
    const original = job(part);
    const result = redactor().job(original);
    expect(JSON.stringify(result)).not.toContain(KEY);
    expect(JSON.stringify(result)).toContain(REDACTED);
    expect([result.provider, result.id, result.kind, result.status]).toEqual(['tavus', 'v1', 'video', 'failed']);
  });

  it('a job holding no key is returned as it is', () => {
    const clean = job({ error: 'quota', urls: ['https://cdn.test/v1.mp4'], raw: { a: 1 } });
    expect(redactor().job(clean)).toBe(clean);
  });
});

describe('errors redacted again, and copies of foreign ones', () => {
  it('an error redacted once is redacted again when the redactor learns another key', () => {
    const keys = [KEY];
    const r = createRedactor(() => keys);
    const later = 'sk_later_77aa';
    const error = new ServerError(`tavus: ${KEY}`, { cause: new TypeError(`proxy refused ${later} and ${KEY}`) });
    r.error(error);
    keys.push(later);
    r.error(error);
    expect((error.cause as Error).message).toBe(`proxy refused ${REDACTED} and ${REDACTED}`);
  });

  it('the copy of a foreign error has its name and redacted text, and no cause it did not have', () => {
    const result = redactor().error(new RangeError(`bad ${KEY}`));
    expect(result.name).toBe('RangeError');
    expect(result.message).toBe(`bad ${REDACTED}`);
    expect('cause' in result).toBe(false);
  });
});

describe('escapes of characters the other keys do not have', () => {
  it('a key with characters beyond ASCII, echoed in JSON as \\u escapes', () => {
    const key = 'clé-€-9a';
    const escaped = JSON.stringify(key)
      .slice(1, -1)
      .replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    expect(escaped).toBe('cl\\u00e9-\\u20ac-9a');
    expect(redactor([key]).text(`{"key":"${escaped}"}`)).toBe(`{"key":"${REDACTED}"}`);
  });

  it("a key with <, > and ', echoed HTML-escaped by name", () => {
    const key = "a<b>c'd";
    expect(redactor([key]).text('<p>a&lt;b&gt;c&#39;d</p>')).toBe(`<p>${REDACTED}</p>`);
  });
});

describe('objects without a prototype', () => {
  it('are walked like any plain object (querystring.parse and some JSON readers make them)', () => {
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { token: KEY });
    expect(redactor().value({ query: bare })).toEqual({ query: { token: REDACTED } });
  });
});

describe('what redaction leaves as it was', () => {
  it('with no key known, a value comes back as it is, a value that refers to itself included', () => {
    const cyclic: Record<string, unknown> = { text: 'no key here' };
    cyclic.self = cyclic;
    expect(redactor([]).value(cyclic)).toBe(cyclic);
  });

  it('a mediajobs error without a cause has none after its message is redacted', () => {
    const error = new ServerError(`tavus: ${KEY}`);
    redactor().error(error);
    expect(error.message).toBe(`tavus: ${REDACTED}`);
    expect(Object.hasOwn(error, 'cause')).toBe(false);
  });
});

describe('copies that behave like what they replace', () => {
  it('a redacted copy is an ordinary object and list: its parts can be changed and removed, and holes stay holes', () => {
    const list: string[] = [];
    list[1] = `k=${KEY}`;
    const copy = redactor().value({ text: KEY, list }) as { text?: string; list: string[] };
    copy.text = 'changed';
    expect(copy.text).toBe('changed');
    expect(delete copy.text).toBe(true);
    expect('text' in copy).toBe(false);
    expect(copy.list).toHaveLength(2);
    expect(0 in copy.list).toBe(false);
    expect(copy.list[1]).toBe(`k=${REDACTED}`);
  });

  it('the copy of a foreign error has its name, message and cause as own parts, not enumerable, as an Error has', () => {
    const original = new RangeError(`bad ${KEY}`, { cause: `because ${KEY}` });
    const copy = redactor().error(original);
    expect([copy.name, copy.message, copy.cause]).toEqual(['RangeError', `bad ${REDACTED}`, `because ${REDACTED}`]);
    expect(JSON.stringify(copy)).toBe(JSON.stringify(original));
    for (const name of ['name', 'message', 'cause']) {
      expect(Object.getOwnPropertyDescriptor(copy, name)).toMatchObject({
        writable: true,
        configurable: true,
        enumerable: false,
      });
    }
  });
});
