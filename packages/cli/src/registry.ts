// The CLI's view of the facade's registry of vendors (`vendors`): the kinds, their options, and the
// help and checks built from them. No command names a vendor where the registry can say it.
import {
  checkJobRef,
  type KindInfo,
  type KindOption,
  kindOf,
  MediaJobsError,
  type Provider,
  type Vendor,
  vendorOf,
  vendors,
} from 'mediajobs';
import { UsageError } from './usage-error.js';

/** Every kind name any vendor has, in the registry's order (the choices of --kind). */
export const KIND_NAMES: readonly string[] = [...new Set(vendors.flatMap((vendor) => vendor.kinds.map((k) => k.name)))];

/** "tensorslab: video, image; tavus: video; ...": each vendor's kinds, the default first, for help. */
export function kindsHelp(): string {
  return vendors.map((vendor) => `${vendor.provider}: ${vendor.kinds.map((k) => k.name).join(', ')}`).join('; ');
}

/**
 * A vendor's kind (without a name, its default, first, kind). A kind the vendor does not have is the
 * facade's InvalidRequestError (naming the vendor's kinds), thrown as a usage error: no request is sent.
 */
export function kindFor(provider: Provider, name?: string): { vendor: Vendor; kind: KindInfo } {
  const vendor = vendorOf(provider);
  const kind = vendor && kindOf(vendor, name);
  if (vendor && kind) return { vendor, kind };
  try {
    checkJobRef({ provider, id: 'x', kind: name });
  } catch (error) {
    throw new UsageError(MediaJobsError.isInstance(error) ? error.message : String(error));
  }
  throw new UsageError(`${provider}: no kind ${JSON.stringify(name)}`);
}

/** The name of a vendor's default kind; undefined for a name that is no vendor. */
export function defaultKindOf(provider: unknown): string | undefined {
  const vendor = vendorOf(provider);
  return vendor && kindOf(vendor, undefined)?.name;
}

/** True when some kind of the vendor lists. */
export function canList(provider: Provider): boolean {
  return vendorOf(provider)?.kinds.some((kind) => kind.list) ?? false;
}

/**
 * The option a kind lists per value of (the one its listOptions require, e.g. a Bifrost gateway's
 * `upstream`): a listing is one per value given.
 */
export function perValueOption(kind: KindInfo): { name: string; option: KindOption } | undefined {
  const found = Object.entries(kind.listOptions).find(([, option]) => option.required);
  return found && { name: found[0], option: found[1] };
}

/**
 * A kind option's every holder, for help and the option's own flag: `--hard` for "tavus video", with
 * the description it has there. One entry per option name, in the registry's order.
 */
export function kindOptions(operation: 'delete' | 'list'): { name: string; owners: string; option: KindOption }[] {
  const found = new Map<string, { owners: string[]; option: KindOption }>();
  for (const vendor of vendors) {
    for (const kind of vendor.kinds) {
      const declared = operation === 'delete' ? kind.deleteOptions : kind.listOptions;
      for (const [name, option] of Object.entries(declared)) {
        const entry = found.get(name) ?? { owners: [], option };
        entry.owners.push(`${vendor.provider} ${kind.name}`);
        found.set(name, entry);
      }
    }
  }
  return [...found].map(([name, { owners, option }]) => ({ name, owners: owners.join(', '), option }));
}

/**
 * Whether a job id was listed under this value of its kind's per-value option. Wire knowledge of the
 * one vendor that lists per value today (a Bifrost gateway: ids are `id:upstream`); kept here alone.
 */
export function listedUnder(id: string, value: string): boolean {
  return id.endsWith(`:${value}`);
}

/** A kind option's flag: `participantTag` is `--participant-tag` (commander gives it back as `participantTag`). */
export function flagOf(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}
