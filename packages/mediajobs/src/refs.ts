import { encodePathParam, InvalidRequestError, type KindInfo, type KindOption } from '@mediajobs/core';
import { type JobRef, kindOf, PROVIDERS, type Provider, type Vendor, vendorOf } from './vendors.js';

/** A ref as the facade uses it: its kind always named, with the vendor and kind it names. */
export interface CheckedRef {
  ref: JobRef & { kind: string };
  vendor: Vendor;
  kind: KindInfo;
}

/**
 * Checks a ref before anything is sent: a known provider, a usable id (the same rules as every path
 * parameter: not empty or whitespace, not `.` or `..`, no control characters), a kind the vendor has
 * (`{ provider: 'tavus', kind: 'image' }` used to be taken silently for a video).
 * Returns the ref as the facade uses it, its kind defaulted to the vendor's first.
 */
export function checkJobRef(ref: unknown): JobRef & { kind: string } {
  return checkRef(ref).ref;
}

export function checkRef(ref: unknown): CheckedRef {
  if (typeof ref !== 'object' || ref === null) {
    throw new InvalidRequestError(
      `a job ref must be an object { provider, id }, got ${ref === null ? 'null' : typeof ref}`,
    );
  }
  const { provider, id, kind: name } = ref as { provider?: unknown; id?: unknown; kind?: unknown };
  const vendor = vendorOf(provider);
  if (!vendor) {
    throw new InvalidRequestError(`unknown provider ${JSON.stringify(provider)}; use one of ${PROVIDERS.join(', ')}`);
  }
  encodePathParam(vendor.provider, 'id', id);
  const kind = typeof name === 'string' || name === undefined ? kindOf(vendor, name) : undefined;
  if (!kind) {
    throw new InvalidRequestError(
      `${vendor.provider}: no kind ${JSON.stringify(name)}; ${vendor.provider} has ${vendor.kinds.map((k) => `'${k.name}'`).join(' and ')}`,
      { provider: vendor.provider },
    );
  }
  return { ref: { provider: vendor.provider, id: String(id), kind: kind.name } as CheckedRef['ref'], vendor, kind };
}

/**
 * The kind's own options out of what a call was given (`given`: undefined values are not given).
 * One the kind does not have is refused, naming those it has, unless `loose` (a bulk run mixing
 * kinds applies an option to the kinds that take it); one it requires and was not given is refused.
 */
export function kindOptions(
  provider: Provider | string,
  kind: KindInfo,
  operation: 'delete' | 'list',
  given: Readonly<Record<string, unknown>>,
  { loose = false } = {},
): Record<string, unknown> {
  const declared: Readonly<Record<string, KindOption>> = operation === 'delete' ? kind.deleteOptions : kind.listOptions;
  const where = `${provider} ${kind.name}`;
  const options: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(given)) {
    if (value === undefined || value === false) continue; // false: the same as not asking
    const option = declared[name];
    if (!option) {
      if (loose) continue;
      const has = Object.keys(declared);
      throw new InvalidRequestError(
        `${where}: ${operation} has no option \`${name}\`; ${has.length > 0 ? `it takes ${has.map((n) => `\`${n}\``).join(', ')}` : 'it takes none'}`,
        { provider },
      );
    }
    if (typeof value !== option.type || (option.type === 'string' && String(value).trim() === '')) {
      throw new InvalidRequestError(
        `${where}: \`${name}\` must be a non-empty ${option.type} (${option.description})`,
        {
          provider,
        },
      );
    }
    options[name] = value;
  }
  for (const [name, option] of Object.entries(declared)) {
    if (option.required && options[name] === undefined) {
      const example =
        option.example === undefined ? '' : ` (e.g. { provider: '${provider}', ${name}: '${option.example}' })`;
      throw new InvalidRequestError(`${where}: ${operation} needs \`${name}\`, ${option.description}${example}`, {
        provider,
      });
    }
  }
  return options;
}
