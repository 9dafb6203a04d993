import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { type Answer, type Echo, type HeldJob, PLANNED, type Route } from './fakes/fake.js';
import { defaultKind, expectedAuth, FAKES, idsOf, receivedKey, routeOf, type Vendor } from './fakes/index.js';
import { Inventory, type SeededJob } from './inventory.js';
import { seededRandom } from './random.js';

/** What can go wrong with one request. Faults marked "applied" happen after the server acted. */
export const FAULT_KINDS = [
  'http500', // 500 with a JSON body; nothing applied
  'http502Html', // 502 with an HTML page from a proxy; nothing applied
  'http503', // 503 with a JSON body; nothing applied
  'rateLimit', // 429 with Retry-After; nothing applied
  'reset', // applied, then the connection drops in the middle of the body
  'stall', // applied, then the answer waits `stallMs` (past the client's timeout)
  'truncated', // applied, then a 200 whose JSON is cut off
  'vendorError', // a 200 that says it failed (TensorsLab code 9999, A2E code 1; a 500 for the others)
  'oversized', // a 200 whose body never ends (`oversizedBytes`, chunked); nothing applied
  'echoKey', // the key the request carried, echoed in every place an answer has (see echoAnswer); nothing applied
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultServerOptions {
  /** Seed of the fault generator (default 1): the same seed, the same faults in the same order. */
  seed?: number;
  /** Share of requests that get a fault, 0 to 1 (default 0). */
  faultRate?: number;
  /** The faults to draw from, equally likely (default: all of FAULT_KINDS). */
  faults?: readonly FaultKind[];
  /** Added before every answer, in milliseconds (default 0). */
  latencyMs?: number;
  /** How long a `stall` holds its answer (default 5000 ms). */
  stallMs?: number;
  /** The Retry-After of a `rateLimit`, in seconds (default 0). */
  retryAfterSeconds?: number;
  /** How many bytes an `oversized` answer offers (default 64 MiB). */
  oversizedBytes?: number;
  /** When set, every request must carry this key in its vendor's auth header, else 401. */
  apiKey?: string;
  /** When set, each vendor enforces a token bucket of its own, answering 429 past it (see RateLimitMode). */
  rateLimit?: RateLimitMode;
  /**
   * Jobs the Tavus, Bifrost and A2E list endpoints serve (see seedJobs), each with its creation time;
   * a read of one reports that time as its vendor does. Ids not seeded still exist until deleted.
   */
  jobs?: readonly SeededJob[];
}

/**
 * A vendor's request rate limit: a token bucket of `burst` tokens refilled at `requestsPerSecond`.
 * A request that finds it empty gets 429 in the vendor's envelope (Bifrost: `type: rate_limited`),
 * with `Retry-After: retryAfterSeconds` when that is set, else no Retry-After (as Bifrost sends).
 * Nothing is applied for a throttled request.
 */
export interface RateLimitMode {
  requestsPerSecond: number;
  burst: number;
  retryAfterSeconds?: number;
  /**
   * Describe the bucket on every answer of its vendor, as some vendors do (none of ours does; see
   * BENCHMARKS.md "Rate governance"): `x-ratelimit-limit` (the burst), `x-ratelimit-remaining` (whole
   * tokens left), `x-ratelimit-reset` (seconds until the bucket is full again, to the millisecond),
   * and on a 429 `retry-after-ms` (until the next token). Default false.
   */
  headers?: boolean;
}

/** What really happened on the server, to compare with what the client reported. */
export interface Ledger {
  /** Jobs deleted, as jobKey(vendor, kind, id). */
  readonly deleted: Set<string>;
  /** Requests per vendor and operation, e.g. `tensorslab delete`. */
  readonly requests: Map<string, number>;
  /** Faults injected, per kind. */
  readonly faults: Map<FaultKind, number>;
  /** Requests that repeated an earlier one (same vendor, operation and ids): the client's retries. */
  repeats: number;
  /** Per planned job (see PLANNED), how many times its permanent failure was answered. */
  readonly permanentAnswers: Map<string, number>;
  /** Per job, how many requests named it (a batch names many). */
  readonly attempts: Map<string, number>;
  /** Requests answered 429 by the rate limit, per vendor. */
  readonly throttled: Map<Vendor, number>;
}

export interface FaultServer {
  /** `http://127.0.0.1:<port>`: the base URL for every vendor (pass it as each vendor's `baseUrl`). */
  readonly url: string;
  /** The jobs this server really deleted, as `provider:id` (e.g. `tavus:v-1`), whatever the client was told. */
  deleted(): ReadonlySet<string>;
  /** Requests seen on the vendors' routes, retries included. */
  requests(): number;
  /** The full accounting: deletes per kind, requests per operation, faults, repeats, throttling. */
  readonly ledger: Ledger;
  /** Closes the server and every connection still open; its port is free when this resolves. */
  stop(): Promise<void>;
}

/**
 * The ledger's key for one job, `vendor/kind/id`, with the kind given, else the vendor's first (a
 * video): `tavus/replica/r-1` and `tavus/video/r-1` are two jobs.
 */
export function jobKey(vendor: Vendor, kind: string | undefined, id: string): string {
  return `${vendor}/${kind ?? defaultKind(vendor)}/${id}`;
}

/** `tensorslab/image/t-1` → `tensorslab:t-1`: the ledger's key as the public `deleted()` names it. */
function providerKeyOf(key: string): string {
  const [vendor, , ...id] = key.split('/');
  return `${vendor}:${id.join('/')}`;
}

export { PLANNED };

const isPlanned = (id: string) => Object.values(PLANNED).some((prefix) => id.startsWith(prefix));

/**
 * Starts a server on 127.0.0.1 that answers like the vendors' delete and status endpoints, injects
 * faults drawn from a seeded generator, and records what it really deleted. Every job exists until
 * deleted; deleting again is a 404 at Tavus and Bifrost and a no-op success at TensorsLab and A2E.
 */
export async function startFaultServer(options: FaultServerOptions = {}): Promise<FaultServer> {
  const {
    seed = 1,
    faultRate = 0,
    faults = FAULT_KINDS,
    latencyMs = 0,
    stallMs = 5_000,
    retryAfterSeconds = 0,
    oversizedBytes = 64 * 1024 * 1024,
  } = options;
  const random = seededRandom(seed);
  const ledger: Ledger = {
    deleted: new Set(),
    requests: new Map(),
    faults: new Map(),
    repeats: 0,
    permanentAnswers: new Map(),
    attempts: new Map(),
    throttled: new Map(),
  };
  const buckets = new Map<Vendor, TokenBucket>();
  const bucketOf = (vendor: Vendor, mode: RateLimitMode) => {
    let bucket = buckets.get(vendor);
    if (!bucket) {
      bucket = { tokens: mode.burst, at: performance.now() };
      buckets.set(vendor, bucket);
    }
    return bucket;
  };
  const inventory = new Inventory(options.jobs ?? []);
  const seen = new Set<string>();
  let requestCount = 0;
  const sockets = new Set<Socket>();

  const drawFault = (): FaultKind | undefined => {
    if (faultRate <= 0 || random() >= faultRate) return undefined;
    return faults[Math.floor(random() * faults.length)];
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const raw = await readBody(request);
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === STATS_PATH) return send(response, 200, 'application/json', JSON.stringify(statsOf(ledger)));
    const route = routeOf(request.method ?? 'GET', url.pathname);
    if (!route) return send(response, 404, 'application/json', JSON.stringify({ error: 'no such route' }));
    const fake = FAKES[route.vendor];
    requestCount += 1;
    const counter = `${route.vendor} ${route.operation}`;
    ledger.requests.set(counter, (ledger.requests.get(counter) ?? 0) + 1);
    const ids = idsOf(route, parseJson(raw));
    const signature = `${counter} ${ids.join(',')}`;
    if (seen.has(signature)) ledger.repeats += 1;
    else seen.add(signature);
    for (const id of ids) {
      const key = jobKey(route.vendor, route.kind, id);
      ledger.attempts.set(key, (ledger.attempts.get(key) ?? 0) + 1);
    }
    if (latencyMs > 0) await sleep(latencyMs);

    if (options.apiKey !== undefined) {
      const [header, value] = expectedAuth(route.vendor, options.apiKey);
      if (request.headers[header] !== value) return sendAnswer(response, fake.error(401, 'invalid API key'));
    }
    if (options.rateLimit) {
      const bucket = bucketOf(route.vendor, options.rateLimit);
      const taken = takeToken(bucket, options.rateLimit);
      if (options.rateLimit.headers) setRateLimitHeaders(response, bucket, options.rateLimit);
      if (!taken) {
        ledger.throttled.set(route.vendor, (ledger.throttled.get(route.vendor) ?? 0) + 1);
        return sendRateLimited(response, route.vendor, options.rateLimit);
      }
    }
    const fault = drawFault();
    if (fault) ledger.faults.set(fault, (ledger.faults.get(fault) ?? 0) + 1);
    switch (fault) {
      case 'http500':
      case 'http503':
        return send(response, fault === 'http500' ? 500 : 503, 'application/json', '{"error":"internal error"}');
      case 'http502Html':
        return send(response, 502, 'text/html', '<html><body><h1>502 Bad Gateway</h1></body></html>');
      case 'rateLimit':
        response.setHeader('retry-after', String(retryAfterSeconds));
        return send(response, 429, 'application/json', '{"error":"too many requests"}');
      case 'vendorError':
        return sendAnswer(response, fake.failure?.() ?? { status: 500, body: { error: 'internal error' } });
      case 'oversized':
        return sendEndless(response, oversizedBytes);
      case 'echoKey': {
        const key = receivedKey(route.vendor, request.headers[expectedAuth(route.vendor, '')[0]]);
        return sendAnswer(response, echoAnswer(route, ids[0] ?? '', key, random()));
      }
    }

    const query = (name: string) => url.searchParams.get(name) ?? undefined;
    const answer = serialized(
      route.operation === 'list'
        ? (fake.list?.({ route, query, held: inventory }) ?? { status: 404, body: { error: 'no such route' } })
        : act(route, ids, ledger, inventory, query('hard') === 'true'),
    );
    switch (fault) {
      case 'reset':
        response.writeHead(answer.status, { 'content-type': 'application/json', 'content-length': 1000 });
        response.write(answer.body.slice(0, Math.floor(answer.body.length / 2)));
        response.socket?.destroy();
        return;
      case 'truncated':
        return send(response, answer.status, answer.type, answer.body.slice(0, Math.floor(answer.body.length / 2)));
      case 'stall':
        await sleep(stallMs);
        if (response.socket?.destroyed) return;
    }
    // Count each planned job's permanent failure as it is delivered (a lost answer does not count,
    // nor a stalled one: it comes after the client's timeout by design, even if the socket is open).
    for (const id of fault === 'stall' ? [] : ids.filter(isPlanned)) {
      const key = jobKey(route.vendor, route.kind, id);
      ledger.permanentAnswers.set(key, (ledger.permanentAnswers.get(key) ?? 0) + 1);
    }
    send(response, answer.status, answer.type, answer.body);
  };

  const server = createServer((request, response) => {
    handle(request, response).catch(() => response.socket?.destroy());
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    ledger,
    deleted: () => new Set([...ledger.deleted].map(providerKeyOf)),
    requests: () => requestCount,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Where a server in another process reports its ledger's counts (see spawnFaultServer). */
export const STATS_PATH = '/_fault-server/stats';

export interface LedgerStats {
  deleted: number;
  repeats: number;
  requests: Record<string, number>;
  faults: Record<string, number>;
  throttled: Record<string, number>;
}

export function statsOf(ledger: Ledger): LedgerStats {
  return {
    deleted: ledger.deleted.size,
    repeats: ledger.repeats,
    requests: Object.fromEntries(ledger.requests),
    faults: Object.fromEntries(ledger.faults),
    throttled: Object.fromEntries(ledger.throttled),
  };
}

interface TokenBucket {
  tokens: number;
  at: number;
}

/** Refills the bucket for the time passed and takes one token, if there is one. */
function takeToken(bucket: TokenBucket, mode: RateLimitMode): boolean {
  const now = performance.now();
  bucket.tokens = Math.min(mode.burst, bucket.tokens + ((now - bucket.at) / 1000) * mode.requestsPerSecond);
  bucket.at = now;
  if (bucket.tokens < 1) return false;
  bucket.tokens -= 1;
  return true;
}

/** The bucket as RateLimitMode's `headers` describes it, set before the answer is written. */
function setRateLimitHeaders(response: ServerResponse, bucket: TokenBucket, mode: RateLimitMode): void {
  response.setHeader('x-ratelimit-limit', String(mode.burst));
  response.setHeader('x-ratelimit-remaining', String(Math.floor(bucket.tokens)));
  response.setHeader('x-ratelimit-reset', ((mode.burst - bucket.tokens) / mode.requestsPerSecond).toFixed(3));
  if (bucket.tokens < 1) {
    response.setHeader('retry-after-ms', String(Math.ceil(((1 - bucket.tokens) / mode.requestsPerSecond) * 1000)));
  }
}

/** A 429 in the vendor's envelope, with `Retry-After` when the mode sets one. */
function sendRateLimited(response: ServerResponse, vendor: Vendor, mode: RateLimitMode): void {
  const fake = FAKES[vendor];
  const answer = fake.rateLimited?.(mode.requestsPerSecond) ?? fake.error(429, 'too many requests');
  const headers: Record<string, string> =
    mode.retryAfterSeconds === undefined ? {} : { 'retry-after': String(mode.retryAfterSeconds) };
  sendAnswer(response, { ...answer, headers });
}

/** An answer as it is written: its body as text (a string as it is, else JSON), JSON by default. */
interface Serialized {
  status: number;
  type: string;
  body: string;
  headers?: Record<string, string>;
}

function serialized({ status, body, type = 'application/json', headers }: Answer): Serialized {
  return {
    status,
    type,
    body: typeof body === 'string' ? body : body === undefined ? '' : JSON.stringify(body),
    headers,
  };
}

/** Does what the request asks and says what the vendor would answer. */
function act(route: Route<Vendor>, ids: string[], ledger: Ledger, inventory: Inventory, hard: boolean): Answer {
  const fake = FAKES[route.vendor];
  const keys = ids.map((id) => jobKey(route.vendor, route.kind, id));
  const held = ids.length === 1 ? inventory.find(route.vendor, route.kind, ids[0] as string) : undefined;
  if (held) return actOnHeld(route, held, ledger, inventory, hard);

  if (ids.some((id) => id.startsWith(PLANNED.denied))) return fake.error(401, 'not allowed for this key');
  const planned = fake.planned?.(route, ids);
  if (planned) return planned;
  const gone = ids.some((id) => id.startsWith(PLANNED.gone));
  const missing = gone || keys.some((key) => ledger.deleted.has(key));
  if (route.operation === 'get') return missing ? fake.notFound(route) : fake.read(route, ids[0] ?? '');
  if (missing && (gone || !fake.repeatDeleteSucceeds)) return fake.notFound(route);
  for (const key of keys) ledger.deleted.add(key);
  // A batch delete removes the held jobs it names too: they are no longer listed or read.
  const soft = (fake.softDeletes ?? []).includes(route.kind) && !hard;
  for (const id of ids) {
    const job = inventory.find(route.vendor, route.kind, id);
    if (job && !inventory.isRemoved(job)) inventory.delete(job, soft);
  }
  return fake.deleted(route, ids[0] ?? '');
}

/** A delete or a read of a held job: it exists until deleted (soft-deleted first where the vendor does that, unless hard). */
function actOnHeld(route: Route<Vendor>, job: HeldJob, ledger: Ledger, inventory: Inventory, hard: boolean): Answer {
  const fake = FAKES[route.vendor];
  const softDeleted = inventory.isSoftDeleted(job);
  const removed = inventory.isRemoved(job);
  // Where a repeated delete is a no-op success (A2E), a deleted job reads as the vendor reads it.
  if (removed && fake.repeatDeleteSucceeds) {
    if (route.operation !== 'get') return fake.deleted(route, job.id);
    return fake.readRemoved?.(route, job) ?? fake.notFound(route);
  }
  if (removed || (route.operation === 'delete' && softDeleted && !hard)) return fake.notFound(route);
  if (route.operation === 'get') return fake.readHeld(route, job, softDeleted);
  ledger.deleted.add(jobKey(route.vendor, route.kind, job.id));
  inventory.delete(job, (fake.softDeletes ?? []).includes(route.kind) && !hard);
  return fake.deleted(route, job.id);
}

function sendAnswer(response: ServerResponse, answer: Answer): void {
  const { status, type, body, headers } = serialized(answer);
  send(response, status, type, body, headers);
}

function send(
  response: ServerResponse,
  status: number,
  type: string,
  body: string,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { ...headers, 'content-type': type, 'content-length': Buffer.byteLength(body) });
  response.end(body);
}

/**
 * A hostile vendor's answer: the key it received, echoed in every place an answer has. Always in
 * the request-id header; then, drawn by `pick` (0 to 1): on a status read, either as the status
 * word itself, or in a failed job's error message and in body fields (as a value, a field name, a
 * percent-encoded URL and JSON-escaped text); on a delete, either in the vendor's error envelope
 * (HTTP 200 with a failure code where the vendor does that, else a 500) or in an HTML error page.
 */
function echoAnswer(route: Route<Vendor>, id: string, key: string, pick: number): Answer {
  const headers = { 'x-request-id': key };
  const message = `key ${key} refused`;
  const fields = {
    echo: key,
    [key]: 'a field named after the key',
    link: `https://media.example/v.mp4?key=${encodeURIComponent(key)}`,
    detail: JSON.stringify({ key }),
  };
  const second = pick >= 0.5;
  if (route.operation !== 'get' && second) {
    const html = key.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
    return { status: 502, type: 'text/html', body: `<html><body>Bad key ${key} (${html})</body></html>`, headers };
  }
  const echo: Echo = { key, message, fields, failed: second };
  return { ...FAKES[route.vendor].echo(route, id, echo), type: 'application/json', headers };
}

/** Writes up to `limit` bytes of a JSON string, chunked, until done or the client hangs up. */
async function sendEndless(response: ServerResponse, limit: number): Promise<void> {
  response.writeHead(200, { 'content-type': 'application/json' });
  const chunk = Buffer.alloc(64 * 1024, 'a');
  let sent = 0;
  let closed = false;
  let wake = () => {};
  response.once('close', () => {
    closed = true;
    wake();
  });
  response.write('{"padding":"');
  while (sent < limit && !closed) {
    sent += chunk.length;
    if (!response.write(chunk))
      await new Promise<void>((resolve) => {
        wake = resolve;
        response.once('drain', resolve);
      });
  }
  if (!closed) response.end('"}');
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function parseJson(text: string): unknown {
  try {
    return text === '' ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
