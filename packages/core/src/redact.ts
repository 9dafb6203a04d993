import { MediaJobsError } from './errors.js';
import type { Job } from './jobs.js';

/** What stands where a key was. */
export const REDACTED = '[redacted]';

/**
 * The redactor walks values recursively; below this depth it replaces what it cannot walk without
 * risking the stack (a RangeError) by REDACTED: what it has not read, it does not let through. Answers
 * are refused beyond MAX_JSON_DEPTH (100) levels before they get here, so only a caller's own values
 * can reach it.
 */
const MAX_REDACT_DEPTH = 500;

/**
 * Removes every API key a client holds from what leaves the library: a key is found in its exact
 * form and in the forms a server may echo it in (percent-encoded, form-encoded, JSON-escaped,
 * HTML-escaped by name or number). Every key is redacted, however short: none is so short that it must be printed.
 */
export interface Redactor {
  /** The text with every key replaced by `[redacted]`. */
  text(text: string): string;
  /**
   * The value with every string in it redacted (object keys too). Returns the same value when nothing
   * in it holds a key, else a copy of the parts that changed. Arrays and objects nested more than 500
   * deep are replaced by `[redacted]` (walking them could exhaust the stack); it never throws a RangeError.
   */
  value<T>(value: T): T;
  /**
   * The job with what the vendor said redacted (`error`, `urls`, and `raw` with its field names);
   * its own fields (`provider`, `id`, `kind`, `status`) are the caller's and left as they are.
   */
  job(job: Job): Job;
  /**
   * The error with its message, stack, code, request id and cause chain redacted. A mediajobs error
   * is mended in place; any other error in the chain that holds a key is replaced by a plain Error
   * with the same name and redacted text.
   */
  error<T>(error: T): T;
}

/**
 * A redactor for the keys `keys()` returns. It is called at every redaction, so a key set in the
 * environment later is still found; every key it has returned once is redacted from then on.
 */
export function createRedactor(keys: () => Iterable<string | undefined>): Redactor {
  const known = new Set<string>();
  let pattern: RegExp | undefined;

  const current = (): RegExp | undefined => {
    let grew = false;
    for (const key of keys()) {
      if (key && !known.has(key)) {
        known.add(key);
        grew = true;
      }
    }
    if (grew) pattern = patternOf(known);
    return pattern;
  };

  const text = (value: string, found = current()): string => {
    if (found === undefined) return value;
    found.lastIndex = 0;
    return found.test(value) ? value.replace(found, REDACTED) : value;
  };

  /** A field that may be a string (a stack, code or request id), redacted when it is one. */
  const field = <T>(value: T, found: RegExp): T => (typeof value === 'string' ? (text(value, found) as T) : value);

  const value = <T>(input: T, found = current(), seen = new Map<object, unknown>(), depth = 0): T => {
    if (found === undefined) return input;
    if (typeof input === 'string') return text(input, found) as T;
    if (typeof input !== 'object' || input === null) return input;
    if (depth > MAX_REDACT_DEPTH) return REDACTED as T;
    if (input instanceof Error) return redactError(input, found, seen, depth) as T;
    if (seen.has(input)) return seen.get(input) as T;
    const list = Array.isArray(input);
    if (!list && !isPlain(input)) return input;
    // The copy exists before its parts are walked, so that a part referring back to this value (a cycle)
    // gets the copy and not the original, which may hold a key. A value with a cycle is therefore always
    // copied (the back-reference differs from the original's); one without is returned as it is when
    // nothing in it holds a key.
    const copy: unknown[] | Record<string, unknown> = list ? [] : {};
    seen.set(input, copy);
    let changed = false;
    const redacted = Object.entries(input).map(([name, item]) => {
      const part = [list ? name : text(name, found), value(item, found, seen, depth + 1)] as const;
      if (part[0] !== name || part[1] !== item) changed = true;
      return part;
    });
    if (!changed) {
      seen.set(input, input);
      return input;
    }
    // Defined, not assigned: a part named __proto__ (JSON.parse makes one) stays a part, as in the original.
    for (const [name, item] of redacted) {
      Object.defineProperty(copy, name, {
        value: item,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return copy as T;
  };

  const redactError = (error: Error, found: RegExp, seen: Map<object, unknown>, depth: number): Error => {
    if (seen.has(error)) return seen.get(error) as Error;
    const ours = MediaJobsError.isInstance(error);
    // A foreign error (from fetch, a proxy's client...) is not ours to mend: a clean copy stands in. It
    // exists before the cause is walked, so that a cause referring back to the error gets the copy.
    const copy = ours ? error : new Error();
    seen.set(error, copy);
    const cause = 'cause' in error ? value(error.cause, found, seen, depth + 1) : undefined;
    if (ours) {
      const mutable = error as { -readonly [K in keyof MediaJobsError]: MediaJobsError[K] };
      mutable.message = text(error.message, found);
      mutable.stack = field(error.stack, found);
      mutable.code = field(error.code, found);
      mutable.requestId = field(error.requestId, found);
      if (cause !== error.cause) Object.defineProperty(error, 'cause', { value: cause, configurable: true });
      return error;
    }
    if (!holds(error, found, depth) && cause === (error as { cause?: unknown }).cause) {
      seen.set(error, error);
      return error;
    }
    // As the Error constructor makes them: own, not enumerable (the name too, which a RangeError has from its class).
    const own = (name: string, part: unknown) =>
      Object.defineProperty(copy, name, { value: part, writable: true, configurable: true, enumerable: false });
    own('message', text(error.message, found));
    if (cause !== undefined) own('cause', cause);
    own('name', error.name);
    copy.stack = field(error.stack, found);
    return copy;
  };

  /**
   * Whether anything an error holds (message, stack, own fields) contains a key; its cause is redacted on
   * its own. The stack is named: V8 keeps it as an own property, other engines behind an accessor.
   */
  const holds = (error: Error, found: RegExp, depth: number): boolean =>
    [...Object.getOwnPropertyNames(error), 'stack'].some((name) => {
      if (name === 'cause') return false;
      const part = (error as unknown as Record<string, unknown>)[name];
      return value(part, found, undefined, depth + 1) !== part;
    });

  return {
    text: (input) => text(input),
    value: (input) => value(input),
    job: (job) => {
      const found = current();
      const vendorSaid = { error: value(job.error, found), urls: value(job.urls, found), raw: value(job.raw, found) };
      const same = vendorSaid.error === job.error && vendorSaid.urls === job.urls && vendorSaid.raw === job.raw;
      return same ? job : { ...job, ...vendorSaid };
    },
    error: (input) => value(input),
  };
}

/** Every form of each key, longest first, as one pattern. */
function patternOf(keys: ReadonlySet<string>): RegExp {
  const forms = new Set<string>();
  for (const key of keys) for (const form of formsOf(key)) forms.add(form);
  const alternatives = [...forms].sort((a, b) => b.length - a.length).map(escapeRegExp);
  return new RegExp(alternatives.join('|'), 'g');
}

/** The forms a server may echo a key in. */
function formsOf(key: string): string[] {
  const percent = encodeURIComponent(key);
  const json = JSON.stringify(key).slice(1, -1);
  return [
    key,
    percent,
    percent.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()),
    percent.replace(/%20/g, '+'),
    json,
    json.replace(/\//g, '\\/'),
    json.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
    key.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] as string),
    key.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`),
  ];
}

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function isPlain(value: object): boolean {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
