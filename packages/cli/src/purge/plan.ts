// What a purge deletes by: its filter, fresh from the command line or read back from a snapshot on --resume.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { API_KEY_VARIABLES, type KindInfo, PROVIDERS, type Provider, vendorOf } from 'mediajobs';
import type { GlobalOptions } from '../common.js';
import { kindFor, perValueOption } from '../registry.js';
import { differences, filterKindsOf, type PurgeFilter, readHeader } from '../snapshot.js';
import { UsageError } from '../usage-error.js';

export interface PurgeCommandOptions {
  olderThan?: number;
  provider?: Provider[];
  /** The kinds to purge at each vendor (default: each vendor's first; `all`: every kind that lists). */
  kind?: string[];
  /** The values of the per-value list option (a Bifrost gateway's upstreams), comma-separated. */
  upstream?: string[];
  dryRun?: boolean;
  yes?: boolean;
  receipts: string;
  resume?: boolean;
  hard?: boolean;
  concurrency: number;
  rate?: number;
  retries?: number;
  retryWait?: number;
  timeout?: number;
  maxJobs?: number;
  /** Kinds that cannot list (TensorsLab) take their candidates from the ledger, by recorded creation time. */
  fromLedger?: boolean;
  /** --ledger: where the ledger is (default MEDIAJOBS_LEDGER, else the file here). */
  ledger?: string;
}

/** What a run deletes by: its filter, and the listing (run) it may delete from. */
export interface Plan {
  run: string;
  filter: PurgeFilter;
  /** Named in the summary as unable to list. */
  cannotList: Provider[];
  /** Vendors left out, with why: named in the summary. */
  skipped: { provider: Provider; reason: string }[];
}

/**
 * The values a kind that lists per value of an option (a gateway's upstream providers) is listed with;
 * the snapshot's filter records them as `upstreams`. undefined for a kind that lists once.
 */
export function perValueOf(kind: KindInfo): { name: string; example: string } | undefined {
  const perValue = perValueOption(kind);
  return perValue && { name: perValue.name, example: perValue.option.example ?? `<${perValue.name}>` };
}

/** `--kind all`: every kind that can list, at every vendor purged. */
export const ALL_KINDS = 'all';

/**
 * The kinds a purge takes at one vendor: the vendor's first without --kind, its kinds that list with
 * `--kind all` (its first when none does), else those of the named kinds it has (in the vendor's order).
 */
function kindsAt(provider: Provider, names: readonly string[] | undefined, fromLedger = false): KindInfo[] {
  const vendor = vendorOf(provider);
  if (!vendor) return [];
  if (names === undefined) return [vendor.kinds[0]];
  // A vendor none of whose kinds lists keeps its first, so the summary says that it cannot list.
  if (names.includes(ALL_KINDS)) {
    const listing = vendor.kinds.filter((kind) => canFind(kind, fromLedger));
    return listing.length > 0 ? listing : [vendor.kinds[0]];
  }
  return vendor.kinds.filter((kind) => names.includes(kind.name));
}

/** Whether a purge can find a kind's candidates: its vendor lists them, or (--from-ledger) the ledger has them. */
export function canFind(kind: KindInfo, fromLedger: boolean | undefined): boolean {
  return kind.list || Boolean(fromLedger);
}

/** A fresh purge: the vendors asked for, else every vendor with a kind asked for and a key. */
export function freshPlan(options: PurgeCommandOptions, globals: GlobalOptions): Plan {
  if (options.olderThan === undefined) {
    throw new UsageError('purge needs --older-than <age> (30d, 12h, 90m), or --resume to go on with a snapshot');
  }
  const names = options.kind;
  const keyed = (provider: Provider) => globals.mock || Boolean(globals.io.env[API_KEY_VARIABLES[provider]]);
  const { fromLedger } = options;
  const hasKind = (provider: Provider) => kindsAt(provider, names, fromLedger).length > 0;
  const asked = options.provider ?? PROVIDERS.filter(hasKind).filter(keyed);
  // A kind named that no vendor asked for has is the facade's error, naming the first one's kinds (exit 2).
  for (const name of names?.filter((name) => name !== ALL_KINDS) ?? []) {
    if (!asked.some((provider) => kindsAt(provider, [name]).length > 0))
      kindFor((asked[0] ?? PROVIDERS[0]) as Provider, name);
  }
  for (const provider of asked) if (!hasKind(provider)) kindFor(provider, names?.[0]);
  /** The kinds taken at a vendor whose candidates the purge can find (listed, or in the ledger). */
  const listing = (provider: Provider) =>
    kindsAt(provider, names, fromLedger).filter((kind) => canFind(kind, fromLedger));
  let providers = asked.filter((provider) => listing(provider).length > 0);
  const skipped: Plan['skipped'] = [];
  const values = options.upstream ?? [];
  for (const provider of providers) {
    const perValue = listing(provider).map(perValueOf).find(Boolean);
    if (!perValue || values.length > 0) continue;
    const pass = `pass --${perValue.name} ${perValue.example} (or the gateway's other providers, comma-separated)`;
    // Asked for by name, a vendor without its values is a mistake; found by its key, it is left out.
    if (options.provider) throw new UsageError(`${provider} lists per ${perValue.name} provider: ${pass}`);
    skipped.push({ provider, reason: `skipped: it lists per ${perValue.name} provider; ${pass} to purge it` });
  }
  providers = providers.filter((provider) => !skipped.some((skip) => skip.provider === provider));
  const cannotList = asked.filter((provider) => listing(provider).length === 0);
  if (providers.length === 0) {
    // With --from-ledger, a vendor that cannot list is purged from the ledger: its key is the advice too.
    const able = PROVIDERS.filter((provider) => hasKind(provider) && listing(provider).length > 0);
    const unable = PROVIDERS.filter((provider) => hasKind(provider) && listing(provider).length === 0);
    const keys = able.map((provider) => API_KEY_VARIABLES[provider]);
    const set = keys.length > 1 ? `${keys.slice(0, -1).join(', ')} or ${keys.at(-1)}` : keys.join('');
    const cannot = unable.length > 0 ? ` (${unable.join(', ')} cannot list)` : '';
    const needs = skipped
      .map(({ provider }) => `${provider} needs --${listing(provider).map(perValueOf).find(Boolean)?.name}`)
      .join('; ');
    // No key helps when no vendor can find the kinds asked for.
    const advice = keys.length > 0 ? `set ${set}, or pass --provider` : 'no vendor can list the kinds asked for';
    throw new UsageError(`no vendor to purge: ${advice}${cannot}${needs ? `; ${needs}` : ''}`);
  }
  const filter: PurgeFilter = {
    olderThanMs: options.olderThan,
    cutoff: new Date(Date.now() - options.olderThan).toISOString(),
    providers: [...providers].sort(),
    upstreams: providers.some((provider) => listing(provider).some(perValueOf)) ? [...values].sort() : [],
    kinds: [...new Set(providers.flatMap((provider) => listing(provider).map((kind) => kind.name)))].sort(),
    hard: Boolean(options.hard),
    ...(fromLedger && { fromLedger: true }),
  };
  return { run: randomUUID(), filter, cannotList, skipped };
}

/** A resumed purge: the snapshot's filter, refused when the command line asks for another. */
export async function resumedPlan(options: PurgeCommandOptions, snapshot: string): Promise<Plan> {
  if (!existsSync(snapshot)) throw new UsageError(`--resume needs the snapshot ${snapshot}; it does not exist`);
  const header = await readHeader(snapshot);
  if (!header) {
    throw new UsageError(
      `${snapshot} does not start with the filter it was listed with (an older mediajobs wrote it, or it is not a purge snapshot), so it cannot be resumed safely; run the purge again without --resume`,
    );
  }
  const asked: Partial<PurgeFilter> = {
    olderThanMs: options.olderThan,
    // Vendors whose kind cannot list are never in a snapshot (they are named in the summary instead).
    providers: options.provider?.filter((provider) => {
      const vendor = vendorOf(provider);
      const kinds = options.kind === undefined && vendor ? filterKindsOf(vendor, header.filter) : undefined;
      return (kinds ?? kindsAt(provider, options.kind, header.filter.fromLedger)).some((kind) =>
        canFind(kind, header.filter.fromLedger),
      );
    }),
    upstreams: options.upstream,
    kinds:
      options.kind === undefined
        ? undefined
        : [
            ...new Set(
              (options.provider ?? header.filter.providers).flatMap((provider) =>
                kindsAt(provider, options.kind, header.filter.fromLedger)
                  .filter((kind) => canFind(kind, header.filter.fromLedger))
                  .map((kind) => kind.name),
              ),
            ),
          ].sort(),
    hard: options.hard || undefined,
  };
  const differ = differences(header.filter, asked);
  if (differ.length > 0) {
    throw new UsageError(
      `--resume would delete by another filter than the snapshot's: ${differ.join('; ')}. ` +
        "Resume with the snapshot's filter (leave those options out), or list anew without --resume",
    );
  }
  return { run: header.run, filter: header.filter, cannotList: [], skipped: [] };
}
