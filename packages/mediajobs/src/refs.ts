import { encodePathParam, InvalidRequestError, type JobKind, type JobRef, type Provider } from '@mediajobs/core';

/** Every provider a JobRef may name. */
export const PROVIDERS: readonly Provider[] = ['tensorslab', 'tavus', 'bifrost', 'a2e'];
const KINDS: readonly JobKind[] = ['video', 'image'];

/**
 * Checks a ref before anything is sent: a known provider, a usable id (the same rules as every path
 * parameter: not empty or whitespace, not `.` or `..`, no control characters), a known kind.
 * Returns the ref as the facade uses it, with TensorsLab's kind defaulted to 'video'.
 */
export function checkJobRef(ref: unknown): JobRef {
  if (typeof ref !== 'object' || ref === null) {
    throw new InvalidRequestError(
      `a job ref must be an object { provider, id }, got ${ref === null ? 'null' : typeof ref}`,
    );
  }
  const { provider, id, kind } = ref as Partial<JobRef>;
  if (!PROVIDERS.includes(provider as Provider)) {
    throw new InvalidRequestError(`unknown provider ${JSON.stringify(provider)}; use one of ${PROVIDERS.join(', ')}`);
  }
  const known = provider as Provider;
  encodePathParam(known, 'id', id);
  if (kind !== undefined && !KINDS.includes(kind)) {
    throw new InvalidRequestError(`${known}: unknown kind ${JSON.stringify(kind)}; use 'video' or 'image'`, {
      provider: known,
    });
  }
  if (known === 'tensorslab') return { provider: known, id: String(id), kind: kind ?? 'video' };
  return kind === undefined ? { provider: known, id: String(id) } : { provider: known, id: String(id), kind };
}
