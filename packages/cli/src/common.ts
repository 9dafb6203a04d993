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
} from 'mediajobs';
import type { InputRef } from './input.js';
import type { Receipt } from './receipts.js';

export const EXIT = { ok: 0, failed: 1, usage: 2, interrupted: 130 } as const;

/**
 * Everything the command prints or writes (receipts, lines, JSON, errors) passes this redactor, which
 * knows every key in the environment, on top of the facade's own.
 */
export const redactor = createRedactor(() => Object.values(API_KEY_VARIABLES).map((name) => process.env[name]));

/** A mistake in how the command was called: exit code 2. */
export class UsageError extends Error {}

export interface GlobalOptions {
  mock?: boolean;
  /** Where the --mock mocks write their logs (--mock-logs); a fresh temporary folder when undefined. */
  mockLogs?: string;
  json?: boolean;
}

/** How the command line tunes the client. */
export interface ClientSettings {
  /** Requests per second per vendor, at most (--rate). */
  rate?: number;
  /** Retries per request (--retries); the library's default when undefined. */
  maxRetries?: number;
  /** The first wait between retries, in milliseconds (--retry-wait); it doubles, up to 16 times it. */
  retryWaitMs?: number;
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
  { rate, maxRetries, retryWaitMs, providers = PROVIDERS }: ClientSettings = {},
): Promise<T> {
  const backoff = retryWaitMs === undefined ? undefined : { initialMs: retryWaitMs, maxMs: retryWaitMs * 16 };
  if (!globals.mock) {
    const block = { maxRequestsPerSecond: rate };
    return fn(createMediaJobs({ tensorslab: block, tavus: block, bifrost: block, a2e: block, maxRetries, backoff }));
  }
  // Loaded only for --mock: Prism is large, and the other commands never need it.
  const { startMockVendors } = await import('@mediajobs/testing');
  const mocks = await startMockVendors({ providers, logDir: globals.mockLogs });
  try {
    const block = (provider: Provider) => ({
      baseUrl: mocks.baseUrls[provider],
      apiKey: mocks.apiKey,
      maxRequestsPerSecond: rate,
    });
    return await fn(
      createMediaJobs({
        tensorslab: block('tensorslab'),
        tavus: block('tavus'),
        bifrost: block('bifrost'),
        a2e: block('a2e'),
        fetch: onlyTo(Object.values(mocks.baseUrls)),
        maxRetries,
        backoff,
      }),
    );
  } finally {
    await mocks.stop();
  }
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
 * An error as the command line tells it, redacted: a missing key names the variable to set (the
 * library's own message also offers the `apiKey` option, which a command-line user does not have).
 */
export function messageOf(error: unknown): string {
  if (!MediaJobsError.isInstance(error)) return redactor.text(String(error));
  if (error.code === MISSING_API_KEY && error.provider) {
    return `${error.provider}: no API key; set ${API_KEY_VARIABLES[error.provider]} (or try it with --mock)`;
  }
  return redactor.text(error.message);
}

export function receiptOf(ref: Partial<InputRef>, error?: unknown): Receipt {
  const receipt: Receipt = {
    provider: ref.provider,
    id: ref.id,
    ...(ref.kind !== undefined || ref.provider === 'tensorslab' ? { kind: ref.kind ?? 'video' } : {}),
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

/**
 * Ctrl-C for a bulk run: once, `drain` fires (start no new requests, let those in flight finish);
 * twice, `abort` fires too. `stop()` removes the handler.
 */
export function onInterrupt(): { drain: AbortSignal; abort: AbortSignal; stop(): void } {
  const drain = new AbortController();
  const abort = new AbortController();
  // Every call in flight (--concurrency per vendor) listens to these while it runs, then stops
  // listening: more than Node's default of 10 listeners is no leak.
  setMaxListeners(0, drain.signal, abort.signal);
  const onSigint = () => {
    if (drain.signal.aborted) abort.abort();
    else {
      drain.abort();
      process.stderr.write('\nStopping: no new requests; waiting for those in flight (Ctrl-C again to abort them)\n');
    }
  };
  process.on('SIGINT', onSigint);
  return { drain: drain.signal, abort: abort.signal, stop: () => process.off('SIGINT', onSigint) };
}
