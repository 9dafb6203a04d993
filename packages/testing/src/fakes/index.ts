// The registry of vendor fakes: one per vendor the mocks and the fault server stand in for. Everything
// per vendor (names, routes, specs, kinds, the soak's rotation, which vendors list) derives from here.
import { a2e } from './a2e.js';
import { bifrost } from './bifrost.js';
import type { Route, VendorFake } from './fake.js';
import { tavus } from './tavus.js';
import { tensorslab } from './tensorslab.js';

const ALL = [tensorslab, tavus, bifrost, a2e] as const;
type Fakes = typeof ALL;
type NamesOf<T extends readonly VendorFake[]> = {
  readonly [I in keyof T]: T[I] extends VendorFake<infer N> ? N : never;
};

/** The vendors the mocks and the fault server stand in for, as the mediajobs facade names them. */
export const VENDORS = ALL.map((fake) => fake.name) as unknown as NamesOf<Fakes>;
export type Vendor = (typeof VENDORS)[number];
type DerivedListingVendor = Fakes[number] extends infer F ? (F extends VendorFake<infer N, true> ? N : never) : never;
/**
 * The vendors with a list operation, whose jobs a fault server is seeded with (see seedJobs). Written out
 * (the API reference cannot show the fakes' internal types); the check below keeps it the fakes' own.
 */
export type ListingVendor = 'tavus' | 'bifrost' | 'a2e';
// Fails to compile when the list above and the fakes' `lists` disagree.
const listingVendorsAgree: [ListingVendor, DerivedListingVendor] extends [DerivedListingVendor, ListingVendor]
  ? true
  : never = true;
void listingVendorsAgree;

/** Each vendor's fake. */
export const FAKES: { readonly [V in Vendor]: VendorFake<V> } = Object.fromEntries(
  ALL.map((fake) => [fake.name, fake]),
) as unknown as { readonly [V in Vendor]: VendorFake<V> };

export const LISTING_VENDORS = ALL.filter((fake) => fake.lists).map((fake) => fake.name as ListingVendor);

/** A vendor's kinds, its default first. */
export const kindsOf = (vendor: Vendor): readonly string[] => FAKES[vendor].kinds;
export const defaultKind = (vendor: Vendor): string => FAKES[vendor].kinds[0];

/**
 * The APIs the soak spreads refs over, in turn: each vendor's kinds the clients drive, a ref naming its
 * kind only where the vendor has several.
 */
export const ROTATION: readonly { provider: Vendor; kind?: string }[] = ALL.flatMap((fake) => {
  const kinds = fake.clientKinds ?? [fake.kinds[0]];
  const provider = fake.name as Vendor;
  return kinds.length > 1 ? kinds.map((kind) => ({ provider, kind })) : [{ provider }];
});

const EXACT = new Map<string, Route<Vendor>>();
const PATTERNS: { method: string; prefix: string; route: Route<Vendor> }[] = [];
for (const fake of ALL) {
  for (const { method, path, operation, kind } of fake.routes) {
    const route = { vendor: fake.name as Vendor, operation, kind };
    if (path.endsWith('/{id}')) PATTERNS.push({ method, prefix: path.slice(0, -'{id}'.length), route });
    else EXACT.set(`${method} ${path}`, route);
  }
}

/**
 * The route of a request, by method and path (a list's query aside), or undefined when no vendor has it.
 * The vendors' paths do not overlap, so one server on one port stands in for all of them.
 */
export function routeOf(method: string, pathname: string): Route<Vendor> | undefined {
  const exact = EXACT.get(`${method} ${pathname}`);
  if (exact) return exact;
  for (const { method: routeMethod, prefix, route } of PATTERNS) {
    const rest = pathname.slice(prefix.length);
    if (method === routeMethod && pathname.startsWith(prefix) && rest !== '' && !rest.includes('/')) {
      return { ...route, pathId: decodeURIComponent(rest) };
    }
  }
  return undefined;
}

/** The ids a request names, as its vendor carries them. */
export function idsOf(route: Route<Vendor>, body: unknown): string[] {
  const fake = FAKES[route.vendor];
  if (fake.idsOf) return fake.idsOf(route, body);
  return route.pathId === undefined ? [] : [route.pathId];
}

/** The vendor's auth header and the value it must carry for `key`. */
export function expectedAuth(vendor: Vendor, key: string): [header: string, value: string] {
  const { header, prefix } = FAKES[vendor].auth;
  return [header, `${prefix}${key}`];
}

/** The key a request carried in its vendor's auth header ('' when none). */
export function receivedKey(vendor: Vendor, value: string | string[] | undefined): string {
  const { prefix } = FAKES[vendor].auth;
  if (typeof value !== 'string') return '';
  return value.startsWith(prefix) ? value.slice(prefix.length) : value;
}
