import { InvalidRequestError, type Provider } from './errors.js';

const PATH_TEMPLATE_PARAM = /\{([^{}]+)\}/g;
// C0 controls and DEL: never part of a real id, and dangerous in logs and URLs.
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

/**
 * Checks one path parameter and percent-encodes it into exactly one path segment.
 *
 * openapi-fetch's default serializer lets an empty id collapse the segment (so `DELETE /videos/`
 * hits another endpoint) and leaves `{id}` in the URL for `undefined`; `.` and `..` would be
 * resolved away by URL parsing. All of these are refused here, before any request.
 */
export function encodePathParam(provider: Provider, name: string, value: unknown): string {
  const refuse = (problem: string) =>
    new InvalidRequestError(`${provider}: path parameter \`${name}\` ${problem}`, { provider });
  if (value === undefined || value === null) throw refuse('is missing; pass a value');
  // Number.isFinite is false for anything but a finite number: it does not coerce a string or an object.
  if (typeof value !== 'string' && !Number.isFinite(value)) {
    throw refuse(`must be a string, got ${typeof value}`);
  }
  const text = String(value);
  if (text.trim() === '') throw refuse('is empty; pass the id of the job');
  if (text === '.' || text === '..') throw refuse(`cannot be "${text}"`);
  if (CONTROL_CHARACTER.test(text)) throw refuse('contains a control character');
  // `:` and `@` are legal inside a segment (RFC 3986 pchar) and keep ids like `video_1:openai`
  // readable in logs; everything that could end or split the segment stays encoded.
  return encodeURIComponent(text).replace(/%3A/gi, ':').replace(/%40/gi, '@');
}

/** A pathSerializer for openapi-fetch that applies {@link encodePathParam} to every parameter. */
export function createPathSerializer(provider: Provider) {
  return (template: string, params: Record<string, unknown> = {}): string =>
    template.replace(PATH_TEMPLATE_PARAM, (_, name: string) => encodePathParam(provider, name, params[name]));
}
