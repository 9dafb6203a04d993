// What the commands share: exit codes, the redactor, the facade as the command line configures it,
// and receipts built from outcomes.
import { setMaxListeners } from 'node:events';
import {
  API_KEY_VARIABLES,
  createMediaJobs,
  createRedactor,
  type MediaJobs,
  MediaJobsError,
  MISSING_API_KEY,
  PROVIDERS,
  type Provider,
  type VendorBlocks,
  type VendorOptions,
  vendorOf,
} from 'mediajobs';
import type { InputRef } from './input.js';
import type { Env, Io, Output } from './io.js';
import { LEDGER_VARIABLES, ledgerPassword } from './ledger.js';
import { loadOptionalPeer } from './optional-peer.js';
import { proxyCredentials, proxyFetchFromEnv } from './proxy.js';
import type { Receipt } from './receipts.js';
import { defaultKindOf } from './registry.js';

export const EXIT = { ok: 0, failed: 1, usage: 2, interrupted: 130 } as const;

/**
 * Everything the command prints or writes (receipts, lines, JSON, errors) passes this redactor, which
 * knows every key in the environment, on top of the facade's own.
 */
export const redactor = createRedactor(() =>
  [process.env, ...runningEnvs].flatMap((env) => [
    ...Object.values(API_KEY_VARIABLES).map((name) => env[name]),
    ...SECRET_VARIABLES.map((name) => env[name]),
    ...proxyCredentials(env),
    env[LEDGER_VARIABLES.key],
    ledgerPassword(env),
  ]),
);

/** The variables of the vendors' own credentials (a gateway's admin credential), from the registry. */
const SECRET_VARIABLES = PROVIDERS.flatMap((provider) =>
  Object.values(vendorOf(provider)?.ownOptions ?? {}).flatMap((option) =>
    option.secret && option.envVar ? [option.envVar] : [],
  ),
);

/** The environments of the runs in progress (`run(argv, { env })`): the redactor knows their keys too. */
const runningEnvs = new Set<Env>();

/** Has the redactor know `env`'s keys until the returned function is called. */
export function redactEnv(env: Env): () => void {
  if (env === process.env) return () => {};
  runningEnvs.add(env);
  return () => runningEnvs.delete(env);
}

export interface GlobalOptions {
  mock?: boolean;
  /** Where the --mock mocks write their logs (--mock-logs); a fresh temporary folder when undefined. */
  mockLogs?: string;
  json?: boolean;
  /** Where this run prints and reads (not an option: added by the program to each command's options). */
  io: Io;
}

/** How the command line tunes the client. */
export interface ClientSettings {
  /** Requests per second per vendor, at most (--rate). */
  rate?: number;
  /** Retries per request (--retries); the library's default when undefined. */
  maxRetries?: number;
  /** The first wait between retries, in milliseconds (--retry-wait); it doubles, up to 16 times it. */
  retryWaitMs?: number;
  /** Time limit of one request, its answer's body included, in milliseconds (--timeout); the library's default when undefined. */
  timeoutMs?: number;
  /** The vendors the command talks to: with --mock, only their mocks start (default: all). */
  providers?: readonly Provider[];
}

/**
 * Runs `fn` with a facade configured from the environment (the library reads the keys and the
 * *_BASE_URL variables itself), or, with --mock, against Prism mocks (from @mediajobs/testing) of
 * the vendors the command needs, with placeholder keys. Mocks are stopped afterwards.
 */
export async function withJobs<T>(
  globals: GlobalOptions,
  fn: (jobs: MediaJobs) => Promise<T>,
  { rate, maxRetries, retryWaitMs, timeoutMs, providers = PROVIDERS }: ClientSettings = {},
): Promise<T> {
  const backoff = retryWaitMs === undefined ? undefined : { initialMs: retryWaitMs, maxMs: retryWaitMs * 16 };
  if (!globals.mock) {
    const block = { maxRequestsPerSecond: rate };
    // HTTPS_PROXY, HTTP_PROXY and NO_PROXY, which Node's own fetch ignores; none set, the global fetch.
    const fetch = proxyFetchFromEnv(globals.io.env);
    // The library reads keys and base URLs from process.env itself; another environment gives them as options.
    const { env } = globals.io;
    const vendor = (provider: Provider) =>
      env === process.env
        ? block
        : {
            ...block,
            apiKey: env[API_KEY_VARIABLES[provider]] ?? '',
            baseUrl: env[`${provider.toUpperCase()}_BASE_URL`],
            ...ownFromEnv(provider, env),
          };
    return fn(
      createMediaJobs({
        ...blocksOf(vendor),
        maxRetries,
        backoff,
        timeoutMs,
        ...(fetch && { fetch }),
      }),
    );
  }
  const { startMockVendors } = await loadTesting();
  const mocks = await startMockVendors({ providers, logDir: globals.mockLogs });
  try {
    const block = (provider: Provider) => ({
      baseUrl: mocks.baseUrls[provider],
      apiKey: mocks.apiKey,
      maxRequestsPerSecond: rate,
    });
    return await fn(
      createMediaJobs({
        ...blocksOf(block),
        fetch: onlyTo(Object.values(mocks.baseUrls)),
        maxRetries,
        backoff,
        timeoutMs,
      }),
    );
  } finally {
    await mocks.stop();
  }
}

/** A vendor's own options that its module reads from a variable (a gateway's admin credential), from `env`. */
function ownFromEnv(provider: Provider, env: Env): Record<string, string> {
  const own = Object.entries(vendorOf(provider)?.ownOptions ?? {});
  return Object.fromEntries(
    own.flatMap(([name, { envVar }]) => (envVar && env[envVar] !== undefined ? [[name, env[envVar]]] : [])),
  );
}

/** Every vendor's block of the facade's options, one per vendor of the registry. */
function blocksOf(block: (provider: Provider) => VendorOptions): VendorBlocks {
  return Object.fromEntries(PROVIDERS.map((provider) => [provider, block(provider)])) as VendorBlocks;
}

/**
 * `@mediajobs/testing`, for --mock and `mediajobs mock`. It is an optional peer, not a dependency: it
 * brings Prism (about 140 packages), which real work never needs. Where it is not installed, a usage
 * error says how to get it.
 */
export function loadTesting(): Promise<typeof import('@mediajobs/testing')> {
  return loadOptionalPeer(() => import('@mediajobs/testing'), '@mediajobs/testing', {
    needs:
      '--mock and `mediajobs mock` need the mocks, in @mediajobs/testing, which the CLI does not install for real work',
    example: 'mediajobs <command> --mock',
  });
}

/**
 * A fetch that refuses every origin but the given ones: under --mock, a vendor whose mock was not
 * started (a ref the command did not foresee) fails here instead of reaching its real API.
 */
function onlyTo(baseUrls: readonly (string | undefined)[]): typeof fetch {
  const allowed = new Set(baseUrls.flatMap((url) => (url ? [new URL(url).origin] : [])));
  return (input, init) => {
    const { origin } = new URL(input instanceof Request ? input.url : String(input));
    if (allowed.has(origin)) return fetch(input, init);
    return Promise.reject(new Error(`--mock: ${origin} is not one of the started mocks`));
  };
}

/**
 * An error as the command line tells it, redacted: a missing or refused key names the variable to set
 * (the library's own messages also offer the `apiKey` option, which a command-line user does not have).
 */
export function messageOf(error: unknown): string {
  if (!MediaJobsError.isInstance(error)) return redactor.text(String(error));
  if (error.code === MISSING_API_KEY && error.provider) {
    return `${error.provider}: no API key; set ${API_KEY_VARIABLES[error.provider as Provider]} (or try it with --mock)`;
  }
  // The library's advice on a refused key names the apiKey option too, which a command line has not.
  return redactor.text(error.message.replace(' or the apiKey option', ''));
}

export function receiptOf(ref: Partial<InputRef>, error?: unknown): Receipt {
  const receipt: Receipt = {
    provider: ref.provider,
    id: ref.id,
    // The kind, when the ref names one or its vendor has several (then a ref without one is the default).
    ...(ref.kind !== undefined || (vendorOf(ref.provider)?.kinds.length ?? 0) > 1
      ? { kind: ref.kind ?? defaultKindOf(ref.provider) }
      : {}),
    ok: error === undefined,
    ...(ref.line !== undefined ? { line: ref.line } : {}),
    at: new Date().toISOString(),
  };
  if (error !== undefined) {
    const e = MediaJobsError.isInstance(error) ? error : new MediaJobsError(String(error));
    receipt.error = {
      name: e.name,
      message: messageOf(e),
      ...(e.status && { status: e.status }),
      ...(e.code !== undefined && { code: typeof e.code === 'string' ? redactor.text(e.code) : e.code }),
    };
  }
  return receipt;
}

/** The signals that stop a bulk run gently, with the exit code each ends it with (128 + its number). */
const STOP_SIGNALS = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 } as const;
type StopSignal = keyof typeof STOP_SIGNALS;

export interface Interrupt {
  /** Fires on the first signal, or on `stopStarting()`: start no new requests, let those in flight finish. */
  drain: AbortSignal;
  /** Fires on a second signal: abort the requests in flight too. */
  abort: AbortSignal;
  /** The signal that stopped the run, if one did. */
  readonly signal: StopSignal | undefined;
  /** The exit code for the signal that stopped the run (130 for Ctrl-C, 143 for SIGTERM, 129 for SIGHUP). */
  exitCode(): number;
  /** Winds the run down as a first signal would, for a reason of the command's own (a receipt that cannot be written). */
  stopStarting(): void;
  /** Removes the handlers. */
  stop(): void;
}

/**
 * Ctrl-C, SIGTERM (containers, systemd, Kubernetes) and SIGHUP (a closed terminal) for a bulk run:
 * the first drains (no new requests; those in flight finish and get their receipts), a second aborts.
 */
export function onInterrupt(stderr: Output): Interrupt {
  const drain = new AbortController();
  const abort = new AbortController();
  let received: StopSignal | undefined;
  // Every call in flight (--concurrency per vendor) listens to these while it runs, then stops
  // listening: more than Node's default of 10 listeners is no leak.
  setMaxListeners(0, drain.signal, abort.signal);
  const onSignal = (signal: StopSignal) => {
    if (drain.signal.aborted) {
      abort.abort();
      return;
    }
    received = signal;
    drain.abort();
    const again = signal === 'SIGINT' ? 'Ctrl-C' : signal;
    stderr.write(
      `\nStopping (${signal}): no new requests; waiting for those in flight (${again} again to abort them)\n`,
    );
  };
  for (const signal of Object.keys(STOP_SIGNALS) as StopSignal[]) process.on(signal, onSignal);
  return {
    drain: drain.signal,
    abort: abort.signal,
    get signal() {
      return received;
    },
    exitCode: () => (received ? STOP_SIGNALS[received] : EXIT.interrupted),
    stopStarting: () => drain.abort(),
    stop: () => {
      for (const signal of Object.keys(STOP_SIGNALS) as StopSignal[]) process.off(signal, onSignal);
    },
  };
}
