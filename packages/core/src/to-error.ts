import { AbortError, ConnectionError, MediaJobsError, type Provider, TimeoutError } from './errors.js';

/**
 * Whatever an attempt threw, as the MediaJobsError that says what happened. An abort in flight, a
 * timeout and a failed connection have `outcomeUnknown: true`: the vendor may have acted on the call.
 */
export function toMediaJobsError(
  provider: Provider,
  thrown: unknown,
  context: {
    signal?: AbortSignal;
    timedOut?: boolean;
    timeoutMs?: number;
    /** Where the request went (scheme, host and port: never a path, which holds ids, nor a query). */
    origin?: string;
  } = {},
): MediaJobsError {
  // A signal that fired for a timeout (AbortSignal.timeout, or an attempt's own) is no abort.
  const reason: unknown = context.signal?.reason;
  const signalTimedOut = (reason as { name?: unknown } | undefined)?.name === 'TimeoutError';
  if (context.signal?.aborted && !signalTimedOut) {
    return new AbortError(
      `${provider}: aborted by the caller while the request was in flight (the vendor may have acted on it)`,
      { provider, cause: thrown, outcomeUnknown: true },
    );
  }
  if (context.timedOut) {
    return new TimeoutError(
      `${provider}: no complete answer within ${context.timeoutMs} ms (retry, or raise timeoutMs)`,
      { provider, cause: thrown, outcomeUnknown: true },
    );
  }
  if (MediaJobsError.isInstance(thrown)) return thrown;
  if (context.signal?.aborted) {
    return new TimeoutError(`${provider}: no answer before the signal's timeout (retry, or allow longer)`, {
      provider,
      cause: thrown,
      outcomeUnknown: true,
    });
  }
  const { detail, code } = describeNetworkError(thrown);
  const where = context.origin ? ` to ${context.origin}` : '';
  return new ConnectionError(`${provider}: the request${where} failed without an answer: ${detail}`, {
    provider,
    code,
    cause: thrown,
    // Whether the request left before the connection failed is not known: the vendor may have acted.
    outcomeUnknown: true,
  });
}

/**
 * What fetch said, with what its cause says: the system's code (ECONNREFUSED, ENOTFOUND...), which is
 * also the error's `code`, or the cause's message where it has none (fetch's own refusals: "bad port").
 */
function describeNetworkError(thrown: unknown): { detail: string; code?: string } {
  if (!(thrown instanceof Error)) return { detail: String(thrown) };
  const cause = thrown.cause as { code?: unknown; message?: unknown } | undefined;
  if (typeof cause?.code === 'string') return { detail: `${thrown.message} (${cause.code})`, code: cause.code };
  if (typeof cause?.message === 'string' && cause.message !== '') {
    return { detail: `${thrown.message}: ${cause.message}` };
  }
  return { detail: thrown.message };
}
