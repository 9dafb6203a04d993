// What a vendor package gives the facade: one vendor module, holding its kinds of resource.
import type { AdapterOptions } from './adapter.js';
import type { VendorDescription } from './client.js';
import type { Job, ListPage, ListPageRequest } from './jobs.js';

/** An option a kind's delete or list takes beyond `signal` (e.g. Tavus's `hard`, Bifrost's `upstream`). */
export interface KindOption {
  type: 'boolean' | 'string' | 'number';
  /** One line for people: the CLI's help and `mediajobs kinds`, and the error that refuses it. */
  description: string;
  /** The operation needs it; without it the call is refused before any request. */
  required?: boolean;
  /** An example value, for the error that asks for it (e.g. `openai`). */
  example?: string;
  /** A vendor's own option read from this environment variable when not given (e.g. BIFROST_ADMIN_AUTH). */
  envVar?: string;
  /** A credential: redacted wherever it could appear, like an API key. */
  secret?: boolean;
}

/**
 * An operation of the vendor's API that makes a resource of a kind (Tavus's `POST /v2/videos`): what a
 * recorder of who each resource was made for (the ledger) needs to find its id without parsing answers itself.
 */
export interface KindCreate {
  method: 'POST' | 'PUT';
  /** The path as the spec writes it, e.g. `/v1/videos/{video_id}/remix`. */
  path: string;
  /**
   * Where the 2xx answer's JSON holds the new resource's id: a field (`video_id`), or a dotted path into an
   * answer that wraps its result (A2E's `data._id`, TensorsLab's `data.taskid`). The value there must be the
   * id as the kind's get and delete take it.
   */
  idField: string;
  /**
   * For vendors that answer HTTP 200 for their errors (A2E, TensorsLab): the answer made something only
   * when this top-level field holds this value (A2E `code` 0, TensorsLab `code` 1000). An answer whose
   * field holds anything else is the vendor's refusal: nothing is recorded, and it passes on unchanged for
   * the client's own error handling. An answer without the field is read for its id as usual.
   */
  success?: { field: string; value: number | string };
}

/** What one call of a kind receives: its signal, and the kind's own options, checked by the facade. */
export interface KindCall {
  signal?: AbortSignal;
  options: Readonly<Record<string, unknown>>;
}

/**
 * One kind of resource at a vendor (Tavus videos, Tavus replicas, TensorsLab image tasks...): data,
 * and the functions that speak its endpoints. `Connection` is what the vendor's `connect` made (its
 * clients and decoders), so a kind's functions are plain and share nothing but it.
 *
 * What the kind can do is which functions it has: there is no list of capabilities to drift from them.
 */
export interface KindDefinition<Connection, Name extends string = string> {
  readonly name: Name;
  /** What it is, for people (`mediajobs kinds`), e.g. "generated videos". */
  readonly summary: string;
  /** Options its delete takes; any other is refused (InvalidRequestError) before a request. */
  readonly deleteOptions?: Readonly<Record<string, KindOption>>;
  /** The vendor operations that make one (see KindCreate). */
  readonly creates?: readonly KindCreate[];
  /** Options its list takes (checked the same way). */
  readonly listOptions?: Readonly<Record<string, KindOption>>;
  /** Why it cannot list, when it cannot: the UnsupportedOperationError's message says what to do instead. */
  readonly cannotList?: string;
  /**
   * The vendor's other kinds this one is made from (a Tavus conversation from a replica): an erasure of
   * several kinds deletes this one before those, so nothing made from a source outlives it.
   */
  readonly madeFrom?: readonly string[];
  /**
   * Why its endpoints are not verified at a source (the spec marks them x-mediajobs-unverified):
   * `mediajobs kinds` says so, and an answer of another shape fails saying what was expected.
   */
  readonly unverified?: string;
  /** Deletes one. */
  delete(connection: Connection, id: string, call: KindCall): Promise<void>;
  /**
   * For kinds with a batch endpoint: deletes up to `batchSize` ids in one call. One answer covers
   * them all: it resolves when all are deleted, else throws for all.
   */
  readonly deleteBatch?: {
    size(connection: Connection): number;
    run(connection: Connection, ids: readonly string[], call: KindCall): Promise<void>;
  };
  /** Reads one's status. */
  get?(connection: Connection, id: string, call: KindCall): Promise<Job>;
  /** One page of the account's resources of this kind. */
  listPage?(connection: Connection, request: ListPageRequest): Promise<ListPage>;
}

/** A kind's operations, bound to one connection: what the facade calls, one HTTP call per method. */
export interface KindOperations {
  /** How many ids one `deleteBatch` takes; 1 for kinds that delete one per call. */
  readonly batchSize: number;
  delete(id: string, call: KindCall): Promise<void>;
  deleteBatch?(ids: readonly string[], call: KindCall): Promise<void>;
  get?(id: string, call: KindCall): Promise<Job>;
  listPage?(request: ListPageRequest): Promise<ListPage>;
}

/** What a kind can do and take, as data (for checks, help, `mediajobs kinds`). */
export interface KindInfo<Name extends string = string> {
  readonly name: Name;
  readonly summary: string;
  /** `batch` when one call deletes many. */
  readonly delete: 'one' | 'batch';
  readonly get: boolean;
  readonly list: boolean;
  readonly deleteOptions: Readonly<Record<string, KindOption>>;
  readonly listOptions: Readonly<Record<string, KindOption>>;
  readonly cannotList?: string;
  readonly madeFrom: readonly string[];
  readonly unverified?: string;
  readonly creates: readonly KindCreate[];
}

/** A vendor's options beyond every vendor's (apiKey, baseUrl, headers...), e.g. TensorsLab's `batchSize`. */
export type VendorOwnOptions = Readonly<Record<string, KindOption>>;

/**
 * One vendor, as the facade, the CLI and the test fakes see it. `Options` is the type of its own
 * options (e.g. `{ batchSize?: number }`), for the facade's option types; it has no value.
 */
export interface VendorModule<Provider extends string = string, Kind extends string = string, Options = object> {
  /** Type only (always undefined): the vendor's own options, as its `connect` takes them. */
  readonly options?: Options;
  readonly provider: Provider;
  readonly description: VendorDescription;
  /** Its own client options (see VendorOwnOptions). */
  readonly ownOptions: VendorOwnOptions;
  /** Its kinds, the default first: a ref without a kind names one of these. */
  readonly kinds: readonly [KindInfo<Kind>, ...KindInfo<Kind>[]];
  /** Makes its clients; no request is sent, and a missing key fails the first call. */
  connect(options: AdapterOptions & Record<string, unknown>): ReadonlyMap<string, KindOperations>;
}

/**
 * A vendor module from its description, its connection and its kinds (the default first). The
 * connection's type stays inside: the facade sees every vendor the same way.
 */
export function defineVendor<
  Connection,
  const Provider extends string,
  const Kind extends string,
  Options extends AdapterOptions = AdapterOptions,
>(spec: {
  description: VendorDescription & { provider: Provider };
  /** The names and types of what `connect` takes beyond AdapterOptions (checked before it is called). */
  ownOptions?: VendorOwnOptions;
  connect(options: Options): Connection;
  kinds: readonly [KindDefinition<Connection, Kind>, ...KindDefinition<Connection, Kind>[]];
}): VendorModule<Provider, Kind, Omit<Options, keyof AdapterOptions>> {
  const [first, ...rest] = spec.kinds;
  return {
    provider: spec.description.provider,
    description: spec.description,
    ownOptions: spec.ownOptions ?? {},
    kinds: [infoOf(first), ...rest.map(infoOf)],
    connect(options) {
      // The facade passes only the names in ownOptions, with values of their declared types.
      const connection = spec.connect(options as Options);
      return new Map(spec.kinds.map((kind) => [kind.name, bind(kind, connection)]));
    },
  };
}

function infoOf<Name extends string>(kind: KindDefinition<unknown, Name>): KindInfo<Name> {
  return {
    name: kind.name,
    summary: kind.summary,
    delete: kind.deleteBatch ? 'batch' : 'one',
    get: kind.get !== undefined,
    list: kind.listPage !== undefined,
    deleteOptions: kind.deleteOptions ?? {},
    listOptions: kind.listOptions ?? {},
    ...(kind.cannotList === undefined ? {} : { cannotList: kind.cannotList }),
    madeFrom: kind.madeFrom ?? [],
    creates: kind.creates ?? [],
    ...(kind.unverified === undefined ? {} : { unverified: kind.unverified }),
  };
}

function bind<Connection>(kind: KindDefinition<Connection>, connection: Connection): KindOperations {
  const { deleteBatch, get, listPage } = kind;
  return {
    batchSize: deleteBatch ? deleteBatch.size(connection) : 1,
    delete: (id, call) => kind.delete(connection, id, call),
    ...(deleteBatch && {
      deleteBatch: (ids: readonly string[], call: KindCall) => deleteBatch.run(connection, ids, call),
    }),
    ...(get && { get: (id: string, call: KindCall) => get.call(kind, connection, id, call) }),
    ...(listPage && { listPage: (request: ListPageRequest) => listPage.call(kind, connection, request) }),
  };
}
