import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Inventory, type SeededJob, UNLISTABLE_UPSTREAMS } from './inventory.js';
import { seededRandom } from './random.js';
import { expectedAuth, idsOf, type Route, routeOf, type Vendor } from './routes.js';

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

/** The ledger's key for one job. TensorsLab tasks are video or image; the other vendors have one kind. */
export function jobKey(vendor: Vendor, kind: 'video' | 'image' | undefined, id: string): string {
  return `${vendor}/${vendor === 'tensorslab' ? (kind ?? 'video') : 'video'}/${id}`;
}

/** `tensorslab/image/t-1` → `tensorslab:t-1`: the ledger's key as the public `deleted()` names it. */
function providerKeyOf(key: string): string {
  const [vendor, , ...id] = key.split('/');
  return `${vendor}:${id.join('/')}`;
}

/**
 * Ids with these prefixes name jobs in a known state, so a test can plan permanent failures:
 * `gone-` never existed (Tavus and Bifrost 404, A2E code 1; not for TensorsLab, whose batch answer
 * cannot single one out), `denied-` belongs to another account (401), `nocredit-` makes a
 * TensorsLab batch fail for insufficient credits (code 9000).
 */
export const PLANNED = { gone: 'gone-', denied: 'denied-', noCredit: 'nocredit-' } as const;

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
      if (request.headers[header] !== value) return sendError(response, route.vendor, 401, 'invalid API key');
    }
    if (options.rateLimit && !takeToken(bucketOf(route.vendor, options.rateLimit), options.rateLimit)) {
      ledger.throttled.set(route.vendor, (ledger.throttled.get(route.vendor) ?? 0) + 1);
      return sendRateLimited(response, route.vendor, options.rateLimit);
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
        return sendVendorError(response, route.vendor);
      case 'oversized':
        return sendEndless(response, oversizedBytes);
      case 'echoKey': {
        const echo = echoAnswer(route, ids[0] ?? '', receivedKey(route.vendor, request), random());
        return send(response, echo.status, echo.type, echo.body, echo.headers);
      }
    }

    const answer =
      route.operation === 'list'
        ? listAnswer(route.vendor, url.searchParams, inventory)
        : act(route, ids, ledger, inventory, url.searchParams.get('hard') === 'true');
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

/** A 429 in the vendor's envelope; Bifrost's carries its governance `type` and no Retry-After. */
function sendRateLimited(response: ServerResponse, vendor: Vendor, mode: RateLimitMode): void {
  const headers: Record<string, string> =
    mode.retryAfterSeconds === undefined ? {} : { 'retry-after': String(mode.retryAfterSeconds) };
  const body =
    vendor === 'bifrost'
      ? {
          type: 'rate_limited',
          is_bifrost_error: false,
          status_code: 429,
          error: { message: `Rate limit exceeded: ${mode.requestsPerSecond} requests per second` },
          extra_fields: {},
        }
      : (JSON.parse(vendorError(vendor, 429, 'too many requests').body) as unknown);
  send(response, 429, 'application/json', JSON.stringify(body), headers);
}

interface Answer {
  status: number;
  type: string;
  body: string;
  headers?: Record<string, string>;
}

/** Does what the request asks and says what the vendor would answer. */
function act(route: Route, ids: string[], ledger: Ledger, inventory: Inventory, hard: boolean): Answer {
  const { vendor, kind } = route;
  const keys = ids.map((id) => jobKey(vendor, kind, id));
  const seeded = ids.length === 1 ? inventory.find(vendor, ids[0] as string) : undefined;
  if (seeded) return actOnSeeded(route, seeded, ledger, inventory, hard);

  if (ids.some((id) => id.startsWith(PLANNED.denied))) return vendorError(vendor, 401, 'not allowed for this key');
  if (vendor === 'tensorslab' && ids.some((id) => id.startsWith(PLANNED.noCredit))) {
    return json(200, { code: 9000, msg: 'insufficient credits' });
  }
  const missing = ids.some((id, index) => id.startsWith(PLANNED.gone) || ledger.deleted.has(keys[index] as string));
  if (route.operation === 'get') return missing ? notFound(vendor) : jobAnswer(route, ids[0] ?? '');
  if (missing && (vendor === 'tavus' || vendor === 'bifrost' || ids.some((id) => id.startsWith(PLANNED.gone)))) {
    return notFound(vendor);
  }
  for (const key of keys) ledger.deleted.add(key);
  return deletedAnswer(vendor, ids[0] ?? '');
}

/** What each vendor answers to a delete that worked. */
function deletedAnswer(vendor: Vendor, id: string): Answer {
  switch (vendor) {
    case 'tavus':
      return { status: 200, type: 'application/json', body: '' };
    case 'bifrost':
      return json(200, { id, object: 'video.deleted', deleted: true });
    case 'a2e':
      return { status: 200, type: 'text/plain', body: '{"code":0,"data":{}}' };
    case 'tensorslab':
      return json(200, { code: 1000, msg: 'success', data: { status: 'Success' } });
  }
}

/** A seeded job as its vendor's single read reports it, creation time included (in the vendor's format). */
function seededJobAnswer(job: SeededJob, softDeleted: boolean): Answer {
  switch (job.provider) {
    case 'tavus':
      return json(200, { ...tavusItem(job, softDeleted), created_at: new Date(job.createdAtMs).toUTCString() });
    case 'bifrost':
      return json(200, bifrostItem(job));
    case 'a2e':
      return json(200, { code: 0, data: [a2eItem(job)] });
  }
}

/** A Tavus list item: no creation time (the docs show none; the single read has it). */
function tavusItem(job: SeededJob, softDeleted: boolean) {
  return {
    video_id: job.id,
    video_name: job.id,
    status: softDeleted ? 'deleted' : 'ready',
    hosted_url: mediaUrl(job.id),
  };
}

function bifrostItem(job: SeededJob) {
  const created = Math.floor(job.createdAtMs / 1000);
  return { id: job.id, object: 'video', model: 'sora-2', status: 'completed', progress: 100, created_at: created };
}

function a2eItem(job: SeededJob) {
  const createdAt = new Date(job.createdAtMs).toISOString();
  return { _id: job.id, status: 'success', process: 100, result: mediaUrl(job.id), createdAt };
}

const mediaUrl = (id: string) => `https://media.example/${encodeURIComponent(id)}.mp4`;

/** One page of a vendor's list, paged as that vendor pages (see inventory.ts). */
function listAnswer(vendor: Vendor, query: URLSearchParams, inventory: Inventory): Answer {
  const number = (name: string, fallback: number) => {
    const value = query.get(name);
    return value === null ? fallback : Number(value);
  };
  switch (vendor) {
    case 'tavus': {
      const page = inventory.offsetPage('tavus', number('page', 0), number('limit', 10), 0);
      return json(200, { data: page.map((job) => tavusItem(job, inventory.isSoftDeleted(job))) });
    }
    case 'a2e': {
      const page = inventory.offsetPage('a2e', number('current', 1), number('pageSize', 20), 1);
      return json(200, { code: 0, data: { data: page.map(a2eItem) } });
    }
    case 'bifrost': {
      const upstream = query.get('provider');
      const refuse = (message: string, extra: Record<string, unknown> = {}) =>
        json(400, { is_bifrost_error: false, status_code: 400, error: { message, ...extra }, extra_fields: {} });
      if (!upstream) return refuse('provider query parameter is required');
      if (UNLISTABLE_UPSTREAMS.has(upstream)) {
        return refuse(`video_list is not supported by ${upstream} provider`, { code: 'unsupported_operation' });
      }
      const limit = number('limit', 20);
      const page = inventory.cursorPage(upstream, query.get('after') ?? undefined, limit + 1);
      const data = page.slice(0, limit).map(bifrostItem);
      return json(200, {
        object: 'list',
        data,
        first_id: data[0]?.id,
        last_id: data.at(-1)?.id,
        has_more: page.length > limit,
      });
    }
    case 'tensorslab':
      return json(404, { error: 'no such route' });
  }
}

/** A delete or a read of a seeded job: it exists until deleted (Tavus: soft-deleted first, unless hard). */
function actOnSeeded(route: Route, job: SeededJob, ledger: Ledger, inventory: Inventory, hard: boolean): Answer {
  const softDeleted = inventory.isSoftDeleted(job);
  // A2E, a deleted task: read, an empty list (its delete page: it "no longer shows in your results");
  // deleted again, a no-op success, as for the ids not seeded.
  if (inventory.isRemoved(job) && job.provider === 'a2e') {
    return route.operation === 'get' ? json(200, { code: 0, data: [] }) : deletedAnswer('a2e', job.id);
  }
  if (inventory.isRemoved(job) || (route.operation === 'delete' && softDeleted && !hard)) return notFound(job.provider);
  if (route.operation === 'get') return seededJobAnswer(job, softDeleted);
  ledger.deleted.add(jobKey(job.provider, undefined, job.id));
  inventory.delete(job, hard);
  return deletedAnswer(job.provider, job.id);
}

function jobAnswer({ vendor, kind }: Route, id: string): Answer {
  const url = mediaUrl(id);
  switch (vendor) {
    case 'tavus':
      return json(200, { video_id: id, status: 'ready', download_url: url });
    case 'bifrost':
      return json(200, { id, object: 'video', status: 'completed', progress: 100, videos: [{ url }] });
    case 'a2e':
      return {
        status: 200,
        type: 'text/plain',
        body: JSON.stringify({ code: 0, data: [{ _id: id, status: 'success', result: url }] }),
      };
    case 'tensorslab':
      return json(200, {
        code: 1000,
        msg: 'success',
        data: { taskid: id, [kind === 'image' ? 'image_status' : 'task_status']: 3, url: [url] },
      });
  }
}

function notFound(vendor: Vendor): Answer {
  if (vendor === 'a2e') return { status: 200, type: 'text/plain', body: '{"code":1,"msg":"video not found"}' };
  if (vendor === 'tensorslab') return json(200, { code: 9999, msg: 'task not found' });
  return vendorError(vendor, 404, 'video not found');
}

/** An HTTP error in the vendor's own envelope. */
function vendorError(vendor: Vendor, status: number, message: string): Answer {
  if (vendor === 'bifrost') return json(status, { event_id: 'evt_test', error: { code: String(status), message } });
  if (vendor === 'tavus') return json(status, { error: message });
  return json(status, { code: status, msg: message });
}

function json(status: number, body: unknown): Answer {
  return { status, type: 'application/json', body: JSON.stringify(body) };
}

function sendError(response: ServerResponse, vendor: Vendor, status: number, message: string): void {
  const answer = vendorError(vendor, status, message);
  send(response, answer.status, answer.type, answer.body);
}

/** A 200 that says it failed, where the vendor does that; a plain 500 where it does not. */
function sendVendorError(response: ServerResponse, vendor: Vendor): void {
  if (vendor === 'tensorslab') send(response, 200, 'application/json', '{"code":9999,"msg":"failed"}');
  else if (vendor === 'a2e') send(response, 200, 'text/plain', '{"code":1,"msg":"failed"}');
  else send(response, 500, 'application/json', '{"error":"internal error"}');
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

/** The key a request carried in its vendor's auth header ('' when none). */
function receivedKey(vendor: Vendor, request: IncomingMessage): string {
  const [header] = expectedAuth(vendor, '');
  const value = request.headers[header];
  return typeof value === 'string' ? value.replace(/^Bearer /, '') : '';
}

/**
 * A hostile vendor's answer: the key it received, echoed in every place an answer has. Always in
 * the request-id header; then, drawn by `pick` (0 to 1): on a status read, either as the status
 * word itself, or in a failed job's error message and in body fields (as a value, a field name, a
 * percent-encoded URL and JSON-escaped text); on a delete, either in the vendor's error envelope
 * (HTTP 200 with a failure code where the vendor does that, else a 500) or in an HTML error page.
 */
function echoAnswer(route: Route, id: string, key: string, pick: number): Answer {
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
  if (route.operation !== 'get') {
    if (route.vendor === 'tensorslab') return { ...json(200, { code: 9999, msg: message, ...fields }), headers };
    if (route.vendor === 'a2e') return { ...json(200, { code: 1, msg: message, ...fields }), headers };
    if (route.vendor === 'bifrost') {
      return { ...json(500, { event_id: key, error: { code: key, message, type: key }, ...fields }), headers };
    }
    return { ...json(500, { error: message, message, ...fields }), headers };
  }
  // A status read: the key as the status word, or a failed job that quotes it.
  const why = second ? message : undefined;
  const extra = second ? fields : {};
  const answer = (body: unknown) => ({ ...json(200, body), headers });
  switch (route.vendor) {
    case 'tavus':
      return answer({ video_id: id, status: second ? 'error' : key, status_details: why, ...extra });
    case 'bifrost':
      return answer({ id, object: 'video', status: second ? 'failed' : key, error: why && { message: why }, ...extra });
    case 'a2e':
      return answer({ code: 0, data: [{ _id: id, status: second ? 'fail' : key, msg: why, ...extra }] });
    case 'tensorslab': {
      const statusField = route.kind === 'image' ? 'image_status' : 'task_status';
      const task = { taskid: id, [statusField]: second ? 4 : key, message: why, error_message: why, ...extra };
      return answer({ code: 1000, msg: 'success', data: task });
    }
  }
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
