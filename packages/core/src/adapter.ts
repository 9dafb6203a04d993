import type { Client } from 'openapi-fetch';
import { findApiKey } from './api-key.js';
import { createVendorClient, type VendorDescription } from './client.js';
import {
  ConnectionError,
  errorFromResponse,
  MediaJobsError,
  type MediaJobsErrorOptions,
  ServerError,
} from './errors.js';
import { secretHeaderValues } from './fetch.js';
import type { JobStatus } from './jobs.js';
import type { VendorClientOptions } from './options.js';
import { createRedactor, type Redactor } from './redact.js';
import { retryAfterMs } from './timing.js';

/** A vendor adapter's options: its client's, and the redactor of the client that uses it. */
export interface AdapterOptions extends VendorClientOptions {
  /**
   * Removes keys from everything the adapter reports. The facade passes one that knows every
   * vendor's key and header values; by default, one that knows this vendor's (secretHeaderValues).
   */
  redactor?: Redactor;
}

/** What an adapter found in a vendor's error answer. */
export interface VendorFailure {
  message?: string;
  code?: string | number;
  requestId?: string;
  /** The error class, where the vendor's body says more than its HTTP status (e.g. a 403 for an unknown key). */
  errorClass?: typeof MediaJobsError;
}

/** The result of an openapi-fetch call made with `parseAs: 'text'`. */
export interface TextResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

const REQUEST_ID_HEADERS = ['x-request-id', 'request-id', 'x-amzn-requestid', 'cf-ray'];

/**
 * Answers nested deeper than this (arrays and objects in one another) are refused. Job answers are a
 * few levels deep; what reads an answer afterwards (the redactor, JSON.stringify, a caller's own code)
 * may recurse, and 100,000 levels would exhaust its stack with a RangeError. 100 leaves a wide margin
 * both ways (the redactor alone manages about 900 levels on a small stack).
 */
export const MAX_JSON_DEPTH = 100;

/**
 * What every vendor adapter needs: the vendor's client, a decoder for its answers, and a builder
 * for its errors that removes the API key from anything the vendor echoes back.
 */
export function createAdapterTools<Paths extends {}>(
  vendor: VendorDescription,
  { redactor, ...options }: AdapterOptions,
  /** Reads the vendor's message, code and request id out of one of its error bodies. */
  failureOf: (body: unknown) => VendorFailure,
) {
  const { provider } = vendor;
  const client: Client<Paths> = createVendorClient<Paths>(vendor, options);
  const ownSecrets = () => [
    findApiKey({ provider, apiKey: options.apiKey, envVar: vendor.auth.envVar }),
    ...secretHeaderValues(options.headers),
  ];
  const { text: redact } = redactor ?? createRedactor(ownSecrets);

  /**
   * The body of an answer, decoded: JSON whatever its content type (A2E sends JSON as text/plain),
   * else the raw text, or undefined when empty. Never throws for a malformed body; throws a
   * ServerError (not retried) for one nested deeper than MAX_JSON_DEPTH, error answers included.
   */
  const body = (result: TextResult): unknown => {
    const raw = result.response.ok ? result.data : result.error;
    const decoded = typeof raw === 'string' ? decodeText(raw) : raw;
    if (nestedDeeperThan(decoded, MAX_JSON_DEPTH)) {
      throw new ServerError(
        `${provider}: the answer is nested too deeply (more than ${MAX_JSON_DEPTH} levels of arrays and objects; a job answer has a few), so it was not read`,
        { provider, status: result.response.status, retryable: false },
      );
    }
    return decoded;
  };

  /**
   * The error for a vendor answer that failed: by HTTP status (see errorClassForStatus), or as
   * `errorClass` for a 2xx that says it failed. The message names the provider and carries the
   * vendor's own message, or a description of a body that was not JSON.
   */
  const fail = (
    response: Response,
    decoded: unknown,
    failure: VendorFailure = {},
    errorClass?: typeof MediaJobsError,
  ): MediaJobsError => {
    const vendorMessage = redact(
      failure.message ?? (failure.code !== undefined ? `error code ${failure.code}` : describeBody(decoded, response)),
    );
    // Vendors echo what they were sent; nothing they say reaches an error unredacted.
    const requestId = failure.requestId ?? requestIdOf(response.headers);
    const details: MediaJobsErrorOptions = {
      code: typeof failure.code === 'string' ? redact(failure.code) : failure.code,
      requestId: requestId === undefined ? undefined : redact(requestId),
      retryAfterMs: retryAfterMs(response.headers),
    };
    if (errorClass) {
      return new errorClass(`${provider}: ${vendorMessage}`, { ...details, provider, status: response.status });
    }
    return errorFromResponse(provider, response.status, vendorMessage, details, failure.errorClass);
  };

  /** The decoded body of a 2xx answer; for any other answer, the vendor's error is thrown. */
  const ok = (result: TextResult): unknown => {
    const decoded = body(result);
    const { response } = result;
    if (response.ok) return decoded;
    // An error answer labelled JSON that does not parse was cut off on the way: what it said (a
    // not-found, a refusal) is lost, so it is retried like any answer that did not arrive whole.
    if (typeof decoded === 'string' && /\bjson\b/i.test(response.headers.get('content-type') ?? '')) {
      throw new ConnectionError(
        `${provider}: HTTP ${response.status}: ${describeBody(decoded, response)}; expected JSON`,
        {
          provider,
          status: response.status,
        },
      );
    }
    throw fail(response, decoded, failureOf(decoded));
  };

  /**
   * The body of a 2xx answer as a JSON object. Text that is not JSON means the answer was cut off
   * or mangled on the way (a retryable ConnectionError); any other shape is the vendor's fault.
   */
  const object = (response: Response, body: unknown): Record<string, unknown> => {
    if (isRecord(body)) return body;
    if (typeof body === 'string' || body === undefined) {
      throw new ConnectionError(`${provider}: ${describeBody(body, response)}; expected a JSON object`, {
        provider,
        status: response.status,
      });
    }
    throw new ServerError(
      `${provider}: expected a JSON object, got ${Array.isArray(body) ? 'an array' : typeof body}`,
      {
        provider,
        status: response.status,
        retryable: false,
      },
    );
  };

  return {
    client,
    ok,
    fail,
    object,
    /**
     * For vendors that answer HTTP 200 with a failure inside (TensorsLab, A2E): the body of an
     * answer whose `code` is `success`. Any other code is thrown as the error class `codes` names
     * for it, else as a MediaJobsError (not retryable: the vendor gave a definite answer).
     */
    withSuccessCode(
      result: TextResult,
      success: number,
      codes: Readonly<Record<number, typeof MediaJobsError>> = {},
    ): Record<string, unknown> {
      const answer = object(result.response, ok(result));
      if (answer.code === success) return answer;
      const ErrorClass = (typeof answer.code === 'number' && codes[answer.code]) || MediaJobsError;
      throw fail(result.response, answer, failureOf(answer), ErrorClass);
    },
    /**
     * The items of a list answer, each an object with a string `idField`. Any other shape is an error
     * that says what was expected and what came (not retried: the vendor would answer the same).
     */
    items(response: Response, value: unknown, where: string, idField: string): Record<string, unknown>[] {
      const unexpected = (got: string) =>
        new ServerError(
          `${provider}: expected ${where} to be an array of jobs with a string ${idField}, got ${redact(got)}`,
          {
            provider,
            status: response.status,
            retryable: false,
          },
        );
      if (!Array.isArray(value)) throw unexpected(shapeOf(value));
      for (const [index, item] of value.entries()) {
        if (stringField(item, idField) === undefined) throw unexpected(`item ${index}: ${shapeOf(item)}`);
      }
      return value;
    },
    /** Maps a vendor's status word (or number) to a JobStatus; an unknown one is an error, not a guess. */
    status(word: unknown, table: Readonly<Record<string, JobStatus>>): JobStatus {
      // Only a string or a number is a status word (String() of an object can even throw).
      const key = typeof word === 'string' || typeof word === 'number' ? String(word) : undefined;
      const status = key === undefined ? undefined : table[key];
      if (status === undefined || !Object.hasOwn(table, key as string)) {
        // Redacted before it is shortened: a cut-off key would no longer be recognised.
        const quoted = redact(String(JSON.stringify(word))).slice(0, 80);
        throw new ServerError(`${provider}: unknown job status ${quoted} (this mediajobs version does not know it)`, {
          provider,
          retryable: false,
        });
      }
      return status;
    },
  };
}

export type AdapterTools<Paths extends {}> = ReturnType<typeof createAdapterTools<Paths>>;

/** JSON when the text is JSON, else the text; undefined for an empty body. */
export function decodeText(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Whether arrays and objects nest in `value` more than `limit` deep. Iterative: any depth is safe. */
export function nestedDeeperThan(value: unknown, limit: number): boolean {
  const isNested = (item: unknown): item is object => typeof item === 'object' && item !== null;
  const pending: [object, number][] = isNested(value) ? [[value, 1]] : [];
  while (pending.length > 0) {
    const [item, level] = pending.pop() as [object, number];
    if (level > limit) return true;
    for (const child of Object.values(item)) if (isNested(child)) pending.push([child, level + 1]);
  }
  return false;
}

/** The `{ code, msg }` error body of the vendors that answer HTTP 200 with a failure code (TensorsLab, A2E). */
export function codeAndMessage(body: unknown): VendorFailure {
  return { message: stringField(body, 'msg') ?? stringField(body, 'message'), code: numberField(body, 'code') };
}

/** A plain object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A string field of an object, if it is one and not empty. */
export function stringField(value: unknown, key: string): string | undefined {
  const field = isRecord(value) ? value[key] : undefined;
  return typeof field === 'string' && field !== '' ? field : undefined;
}

/** A finite number field of an object, if it is one. */
export function numberField(value: unknown, key: string): number | undefined {
  const field = isRecord(value) ? value[key] : undefined;
  return typeof field === 'number' && Number.isFinite(field) ? field : undefined;
}

/** A short description of a value's shape, for an error about an answer that did not have the one expected. */
function shapeOf(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (isRecord(value)) {
    const keys = Object.keys(value);
    return keys.length === 0
      ? 'an empty object'
      : `an object with ${keys.slice(0, 8).join(', ')}${keys.length > 8 ? '...' : ''}`;
  }
  return value === null ? 'null' : `a ${typeof value}`;
}

function requestIdOf(headers: Headers): string | undefined {
  for (const name of REQUEST_ID_HEADERS) {
    const value = headers.get(name);
    if (value) return value;
  }
  return undefined;
}

/** What to say about a body that carried no vendor message. */
function describeBody(body: unknown, response: Response): string {
  const type = response.headers.get('content-type')?.split(';')[0] ?? 'no content type';
  if (body === undefined) return `${response.statusText || 'no message'} (empty body)`;
  if (typeof body === 'string') {
    const looksLikeHtml = /^\s*</.test(body);
    return `the answer was not JSON (${looksLikeHtml ? 'an HTML page' : 'text or cut-off JSON'}, ${type}, ${body.length} characters)`;
  }
  return `${response.statusText || 'no message'} (no message in the body)`;
}
