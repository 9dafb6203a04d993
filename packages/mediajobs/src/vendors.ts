// The one list of vendors. The facade's types, option names and checks, the CLI's choices and the
// `kinds` table all derive from it; adding a vendor is adding its module here.
import { a2e } from '@mediajobs/a2e';
import { bifrost } from '@mediajobs/bifrost';
import type { Job as AnyJob, KindInfo } from '@mediajobs/core';
import { tavus } from '@mediajobs/tavus';
import { tensorslab } from '@mediajobs/tensorslab';

/** Every vendor mediajobs speaks to, each with its kinds of resource (the default kind first). */
export const vendors = [tensorslab, tavus, bifrost, a2e] as const;

export type Vendor = (typeof vendors)[number];
/** A vendor's name, as refs, jobs and errors carry it. */
export type Provider = Vendor['provider'];
/** The kinds of one vendor, e.g. `KindOf<'tensorslab'>` is `'video' | 'image'`. */
export type KindOf<P extends Provider> = Extract<Vendor, { provider: P }>['kinds'][number]['name'];
/** Every vendor's kinds together. */
export type JobKind = KindOf<Provider>;

/** Names one resource at one vendor; without `kind`, it is the vendor's first (a video, at every vendor today). */
export type JobRef = { [P in Provider]: { provider: P; id: string; kind?: KindOf<P> } }[Provider];

/** A resource as every vendor reports it (see the core Job), with its vendor and kind. */
export type Job = { [P in Provider]: AnyJob & { provider: P; kind: KindOf<P> } }[Provider];

/** Every provider a JobRef may name, in the registry's order. */
export const PROVIDERS: readonly Provider[] = vendors.map((vendor) => vendor.provider);

/** The environment variable each vendor's key is read from (TENSORSLAB_API_KEY, TAVUS_API_KEY...). */
export const API_KEY_VARIABLES = Object.fromEntries(
  vendors.map((vendor) => [vendor.provider, vendor.description.auth.envVar]),
) as Readonly<Record<Provider, string>>;

/** The vendors with a kind that can list. */
export const LISTABLE_PROVIDERS: readonly Provider[] = vendors
  .filter((vendor) => vendor.kinds.some((kind) => kind.list))
  .map((vendor) => vendor.provider);

/** @deprecated Every Provider may be asked to list; one whose kinds cannot is an UnsupportedOperationError. */
export type ListableProvider = Provider;

/** The vendor module of a provider, or undefined for a name that is none. */
export function vendorOf(provider: unknown): Vendor | undefined {
  return vendors.find((vendor) => vendor.provider === provider);
}

/** A vendor's kind by name; undefined for a name it does not have. Without a name, its default kind. */
export function kindOf(vendor: Vendor, name: string | undefined): KindInfo | undefined {
  return name === undefined ? vendor.kinds[0] : vendor.kinds.find((kind) => kind.name === name);
}
