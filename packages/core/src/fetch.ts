import { ConnectionError, type Provider, ServerError } from './errors.js';
import { toMediaJobsError } from './to-error.js';

/** The standard fetch signature; any WHATWG-compatible implementation fits. */
export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export interface CredentialedFetchOptions {
  provider: Provider;
  /** The only origin (scheme, host and port) that may receive credentials and custom headers. */
  origin: string;
  /** The credential headers for one request. Called once per request; may throw (missing key). */
  credentials: () => Record<string, string>;
  fetch?: FetchLike;
  maxRedirects?: number;
  /** Answers with a larger body are refused (default DEFAULT_MAX_RESPONSE_BYTES). */
  maxResponseBytes?: number;
}

/** Largest answer body read when `maxResponseBytes` is not given: job answers are a few kB. */
export const DEFAULT_MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
// What a request may still carry to another origin: nothing that could be a credential.
const CROSS_ORIGIN_HEADERS = ['accept', 'accept-language', 'content-type', 'user-agent'];

/**
 * The values of the custom headers a client was given (the `headers` option) that must be redacted
 * like keys: any of them may be a credential (a tenant token, a gateway's virtual key), and a vendor
 * may echo it. Only the headers that never carry one (those sent across origins) are left out.
 */
export function secretHeaderValues(headers: Record<string, string> | undefined): string[] {
  if (headers === undefined) return [];
  return Object.entries(headers).flatMap(([name, value]) =>
    typeof value === 'string' && value.trim() !== '' && !CROSS_ORIGIN_HEADERS.includes(name.toLowerCase())
      ? [value]
      : [],
  );
}

/**
 * The request openapi-fetch builds for each call (passed as its `Request` option), in place of a
 * WHATWG Request. Constructing a Request in Node costs more than the rest of a call (undici gives
 * each one an AbortController and a body stream); this keeps the same fields as plain data, and
 * credentialedFetch hands them to fetch unchanged. A middleware may still return a real Request.
 */
export class PlainRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  // RequestInit['body'] rather than BodyInit: the latter is in the DOM lib only, not in @types/node.
  readonly body: RequestInit['body'] | null;
  readonly signal: AbortSignal | null;

  constructor(url: string | URL, init: RequestInit = {}) {
    this.url = String(url);
    this.method = (init.method ?? 'GET').toUpperCase();
    // openapi-fetch passes a Headers it made for this call alone: no need to copy it.
    this.headers = init.headers instanceof Headers ? init.headers : new Headers(init.headers);
    this.body = init.body ?? null;
    this.signal = init.signal ?? null;
  }
}

/**
 * Wraps fetch so that credentials reach only the client's own origin, and answers larger than
 * `maxResponseBytes` are refused without being read.
 *
 * Credentials are added per request, never stored on the request, and only while the URL is on the
 * trusted origin. Redirects are followed here rather than by fetch, because Node's fetch keeps
 * custom headers such as `x-api-key` on a cross-origin redirect. Once a redirect chain leaves the
 * origin, no later hop gets credentials or custom headers back.
 */
export function createCredentialedFetch(options: CredentialedFetchOptions) {
  const { provider, origin, maxRedirects = 5, maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES } = options;
  const originPrefix = `${origin}/`;
  return async function credentialedFetch(request: Request | PlainRequest): Promise<Response> {
    const baseFetch = options.fetch ?? globalThis.fetch;
    // Resolved before anything is sent, so a missing key fails without a request.
    const credentials = options.credentials();
    let url = request.url;
    let method = request.method;
    let body = request instanceof PlainRequest ? request.body : await bodyOf(request);
    // openapi-fetch makes new headers for every call, so a PlainRequest's may be changed in place.
    const headers = request instanceof PlainRequest ? request.headers : new Headers(request.headers);
    let trusted = true;
    for (let redirects = 0; ; redirects += 1) {
      // The prefix test is exact for the URLs openapi-fetch builds; parsing settles the rest.
      trusted &&= url.startsWith(originPrefix) || new URL(url).origin === origin;
      const response = await baseFetch(url, {
        method,
        headers: trusted ? withCredentials(headers, credentials) : crossOriginHeaders(headers),
        body,
        redirect: 'manual',
        signal: request.signal,
      }).catch((thrown: unknown) => {
        // What fetch throws (a refused connection, an abort, a timeout) as the typed error that says so.
        throw toMediaJobsError(provider, thrown, { signal: request.signal ?? undefined, origin: new URL(url).origin });
      });
      if (response.type === 'opaqueredirect') {
        throw new ConnectionError(
          `${provider}: the server redirected, and this runtime's fetch does not let the redirect be checked; call the final URL directly (set baseUrl)`,
          { provider },
        );
      }
      const location = REDIRECT_STATUSES.has(response.status) ? response.headers.get('location') : null;
      if (location === null) return limitBody(response, maxResponseBytes, provider);
      await response.body?.cancel();
      if (redirects >= maxRedirects) {
        throw new ConnectionError(`${provider}: more than ${maxRedirects} redirects; check baseUrl`, {
          provider,
          status: response.status,
        });
      }
      url = new URL(location, url).href;
      // As fetch does: 303, and 301/302 after POST, continue as a GET without a body.
      if (response.status === 303 || (method === 'POST' && response.status !== 307 && response.status !== 308)) {
        method = method === 'HEAD' ? 'HEAD' : 'GET';
        body = null;
        headers.delete('content-type');
      }
    }
  };
}

async function bodyOf(request: Request): Promise<ArrayBuffer | null> {
  return request.body === null ? null : request.arrayBuffer();
}

function withCredentials(headers: Headers, credentials: Record<string, string>): Headers {
  for (const name in credentials) headers.set(name, credentials[name] as string);
  return headers;
}

function crossOriginHeaders(headers: Headers): Headers {
  const result = new Headers();
  for (const name of CROSS_ORIGIN_HEADERS) {
    const value = headers.get(name);
    if (value !== null) result.set(name, value);
  }
  return result;
}

/**
 * The response, unless its body is larger than `limit` bytes: a declared length over the limit is
 * refused at once, and a body of unknown length is read up to the limit and then refused. Either
 * way the rest is never read. Not retried: the same call would get the same answer.
 */
async function limitBody(response: Response, limit: number, provider: Provider): Promise<Response> {
  const tooLarge = () =>
    new ServerError(
      `${provider}: the answer's body is larger than ${limit} bytes and was not read (raise maxResponseBytes if this is expected)`,
      { provider, status: response.status, retryable: false },
    );
  if (response.body === null) return response;
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared <= limit) return response;
  if (Number.isFinite(declared)) {
    void response.body.cancel();
    throw tooLarge();
  }
  // Unknown length (chunked): read it here, counting, rather than let the caller read it all.
  const reader = response.body.getReader();
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      void reader.cancel();
      throw tooLarge();
    }
    chunks.push(value as Uint8Array<ArrayBuffer>);
  }
  const bytes = chunks.length === 1 ? (chunks[0] as Uint8Array<ArrayBuffer>) : concat(chunks, size);
  return new Response(bytes, { status: response.status, statusText: response.statusText, headers: response.headers });
}

function concat(chunks: Uint8Array[], size: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
