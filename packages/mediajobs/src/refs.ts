import { encodePathParam, InvalidRequestError, type JobKind, type JobRef, type Provider } from '@mediajobs/core';

/** Every provider a JobRef may name. */
export const PROVIDERS: readonly Provider[] = ['tensorslab', 'tavus', 'bifrost', 'a2e'];
/** Each vendor's kinds of job, its default first (until the vendor modules declare their own kinds). */
const KINDS: Readonly<Record<Provider, readonly JobKind[]>> = {
  tensorslab: ['video', 'image'],
  tavus: ['video'],
  bifrost: ['video'],
  a2e: ['video'],
};

/**
 * Checks a ref before anything is sent: a known provider, a usable id (the same rules as every path
 * parameter: not empty or whitespace, not `.` or `..`, no control characters), a kind the vendor has
 * (`{ provider: 'tavus', kind: 'image' }` used to be taken silently for a video).
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
  const kinds = KINDS[known];
  if (kind !== undefined && !kinds.includes(kind)) {
    throw new InvalidRequestError(
      `${known}: no kind ${JSON.stringify(kind)}; ${known} has ${kinds.map((k) => `'${k}'`).join(' and ')}`,
      { provider: known },
    );
  }
  if (known === 'tensorslab') return { provider: known, id: String(id), kind: kind ?? 'video' };
  return kind === undefined ? { provider: known, id: String(id) } : { provider: known, id: String(id), kind };
}
