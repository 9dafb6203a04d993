// The interface each vendor's fake implements: every wire detail of one vendor (its routes, auth header,
// ids, envelopes, list paging, planned failures, hostile echoes), for both the fault server (server.ts)
// and the Prism mocks' state (mock-state.ts). The server and the mocks hold no vendor knowledge of their own.

export type Operation = 'delete' | 'get' | 'list';

/**
 * Ids with these prefixes name jobs in a known state, so a test can plan permanent failures:
 * `gone-` never existed (Tavus and Bifrost 404, A2E code 1; not for TensorsLab, whose batch answer
 * cannot single one out), `denied-` belongs to another account (401), `nocredit-` makes a
 * TensorsLab batch fail for insufficient credits (code 9000).
 */
export const PLANNED = { gone: 'gone-', denied: 'denied-', noCredit: 'nocredit-' } as const;

/** One operation of a vendor: its method and path (`{id}` marks the job id's segment). */
export interface FakeRoute {
  method: 'GET' | 'POST' | 'DELETE';
  /** Literal, or with one `{id}` segment, e.g. `/v2/videos/{id}`. */
  path: string;
  operation: Operation;
  /** The kind of job the operation acts on (one of the fake's kinds). */
  kind: string;
}

/** A request matched to its vendor's operation. */
export interface Route<V extends string = string> {
  vendor: V;
  operation: Operation;
  kind: string;
  /** The job id from the path, for the operations that put it there. */
  pathId?: string;
}

/** An answer, before it is written: JSON unless `type` says otherwise (a string body is sent as it is). */
export interface Answer {
  status: number;
  body?: unknown;
  type?: string;
  headers?: Record<string, string>;
}

/** A job the fault server or the mocks hold (SeededJob and the mocks' jobs, with their kind). */
export interface HeldJob {
  provider: string;
  id: string;
  kind?: string;
  createdAtMs: number;
  /** The list the job belongs to within its vendor and kind (e.g. Bifrost's upstream provider). */
  upstream?: string;
  /** Listed and read as deleted (a soft delete). */
  softDeleted?: boolean;
  /** One of the vendor's own stock items (Tavus's system replicas): listed only when the list asks for them. */
  system?: boolean;
}

/** What the fakes may ask of the held jobs (see Inventory). */
export interface Held {
  find(vendor: string, kind: string, id: string): HeldJob | undefined;
  isSoftDeleted(job: HeldJob): boolean;
  isRemoved(job: HeldJob): boolean;
  /** Records a delete: `soft` keeps the job listed, as deleted; else it is removed. */
  delete(job: HeldJob, soft: boolean): void;
  /** The jobs of one list still listed, newest first. */
  listed(vendor: string, kind: string, upstream?: string): readonly HeldJob[];
  /** Up to `limit` listed jobs of one list after the one with id `after` (from the start without it). */
  cursorPage(
    vendor: string,
    kind: string,
    upstream: string | undefined,
    after: string | undefined,
    limit: number,
  ): HeldJob[];
}

/** A list request: its route, its query, and the jobs held. */
export interface ListCall {
  route: Route;
  query: (name: string) => string | undefined;
  held: Held;
}

/** A request the Prism mock validated, for the mocks' state to answer. */
export interface MockCall extends ListCall {
  ids: string[];
}

/** What a hostile vendor echoes (see the fault server's echoKey): the key, a message quoting it, and fields. */
export interface Echo {
  key: string;
  message: string;
  fields: Record<string, string>;
  /** A status read: a failed job quoting the key (true) or the key as the status word (false). */
  failed: boolean;
}

/** One vendor, as the fault server and the mocks speak it. */
export interface VendorFake<N extends string = string, L extends boolean = boolean> {
  readonly name: N;
  /** Its kinds of job, the default first. */
  readonly kinds: readonly [string, ...string[]];
  /** Whether it has a list operation (its jobs are seeded with SeededJob). */
  readonly lists: L;
  readonly routes: readonly FakeRoute[];
  /** The header that carries the key, and what comes before the key in it. */
  readonly auth: { header: string; prefix: string };
  /** The spec files its Prism mock is built from (they share one host). */
  readonly specs: readonly string[];
  /** Kinds whose delete keeps the job listed as deleted unless `hard=true`. */
  readonly softDeletes?: readonly string[];
  /** A delete of a job already deleted succeeds (a no-op) instead of being not found. */
  readonly repeatDeleteSucceeds?: boolean;
  /**
   * Kinds with stock items of the vendor's own (Tavus's system replicas and personas), which a user's
   * list leaves out and a purge must never touch: seedJobs makes some of each such kind stock.
   */
  readonly stockKinds?: readonly string[];
  /** The kinds the mediajobs clients drive (the soak's rotation; default: the first kind). */
  readonly clientKinds?: readonly string[];
  /** Deletes in batches with one answer for all: a planned failure cannot be singled out. */
  readonly batchDelete?: boolean;
  /** The error class the facade reports for a job that never existed (default NotFoundError). */
  readonly goneErrorClass?: string;
  /** The jobs its mocks hold at each start, with their age in days (kind: default the first). */
  readonly mockJobs?: readonly {
    id: string;
    kind?: string;
    ageDays: number;
    system?: boolean;
    softDeleted?: boolean;
  }[];
  /** The list a job belongs to within its kind, from its id (Bifrost's upstream provider), if any. */
  upstreamOf?(id: string): string | undefined;
  /** The ids a request names (default: the one in the path). */
  idsOf?(route: Route, body: unknown): string[];
  /** Fills in a seeded job where the vendor needs more than its id (seedJobs' `n`th job). */
  seed?(job: HeldJob, n: number): void;

  /** A read of a job the server does not hold (it exists until deleted). */
  read(route: Route, id: string): Answer;
  /** A read of a held job. */
  readHeld(route: Route, job: HeldJob, softDeleted: boolean): Answer;
  /** A read of a held job since deleted (default: notFound). */
  readRemoved?(route: Route, job: HeldJob): Answer;
  /** A delete that worked. */
  deleted(route: Route, id: string): Answer;
  /** A job that does not exist (never did, or deleted). */
  notFound(route: Route): Answer;
  /** An HTTP error in the vendor's envelope. */
  error(status: number, message: string): Answer;
  /** The answer to a planned job the vendor answers specially (e.g. TensorsLab's credits), if any. */
  planned?(route: Route, ids: string[]): Answer | undefined;
  /** The `vendorError` fault: a 200 that says it failed where the vendor does that (default: a 500). */
  failure?(): Answer;
  /** A 429 of its rate limit (default: error(429, 'too many requests')). */
  rateLimited?(requestsPerSecond: number): Answer;
  /** The echoKey fault's answer in the vendor's envelope: a delete's error, or a status read (see Echo). */
  echo(route: Route, id: string, echo: Echo): Answer;
  /** One page of a list (fault server). */
  list?(call: ListCall): Answer;
  /** The mocks' answer to a request its spec allows; undefined to leave it to Prism. */
  mock?(call: MockCall): Answer | undefined;
}

export const json = (status: number, body?: unknown): Answer => ({ status, body });
export const text = (status: number, body: unknown): Answer => ({ status, body, type: 'text/plain' });

/** A number from the query, or the fallback when absent. */
export function numberOf(query: (name: string) => string | undefined, name: string, fallback: number): number {
  const value = query(name);
  return value === undefined ? fallback : Number(value);
}

/** `limit` jobs of page `page` (numbered from `base`) of a list. */
export function offsetPage<T>(listed: readonly T[], page: number, limit: number, base: 0 | 1): T[] {
  const start = (page - base) * limit;
  return start < 0 ? [] : listed.slice(start, start + limit);
}

/** The ids from the path (the default idsOf). */
export const pathIds = (route: Route): string[] => (route.pathId === undefined ? [] : [route.pathId]);

/** Seconds since the epoch, as some vendors date jobs. */
export const unixSeconds = (ms: number) => Math.floor(ms / 1000);
