// What a purge deletes by: its filter, fresh from the command line or read back from a snapshot on --resume.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { API_KEY_VARIABLES, type KindInfo, PROVIDERS, type Provider, vendorOf } from 'mediajobs';
import type { GlobalOptions } from '../common.js';
import { kindFor, perValueOption } from '../registry.js';
import { differences, filterKindOf, type PurgeFilter, readHeader } from '../snapshot.js';
import { UsageError } from '../usage-error.js';

export interface PurgeCommandOptions {
  olderThan?: number;
  provider?: Provider[];
  /** The kind to purge at each vendor (default: each vendor's first). */
  kind?: string;
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

/** A fresh purge: the vendors asked for, else every vendor whose kind lists and has a key. */
export function freshPlan(options: PurgeCommandOptions, globals: GlobalOptions): Plan {
  if (options.olderThan === undefined) {
    throw new UsageError('purge needs --older-than <age> (30d, 12h, 90m), or --resume to go on with a snapshot');
  }
  const keyed = (provider: Provider) => globals.mock || Boolean(globals.io.env[API_KEY_VARIABLES[provider]]);
  // Asked for by name, a vendor without the kind is the facade's error (exit 2); else those with it.
  const hasKind = (provider: Provider) => {
    const vendor = vendorOf(provider);
    return vendor !== undefined && (options.kind === undefined || vendor.kinds.some((k) => k.name === options.kind));
  };
  const asked = options.provider ?? PROVIDERS.filter(hasKind).filter(keyed);
  const kinds = new Map(asked.map((provider) => [provider, kindFor(provider, options.kind).kind]));
  const lists = (provider: Provider) => kinds.get(provider)?.list === true;
  let providers = asked.filter(lists);
  const skipped: Plan['skipped'] = [];
  const values = options.upstream ?? [];
  for (const provider of providers) {
    const perValue = perValueOf(kinds.get(provider) as KindInfo);
    if (!perValue || values.length > 0) continue;
    const pass = `pass --${perValue.name} ${perValue.example} (or the gateway's other providers, comma-separated)`;
    // Asked for by name, a vendor without its values is a mistake; found by its key, it is left out.
    if (options.provider) throw new UsageError(`${provider} lists per ${perValue.name} provider: ${pass}`);
    skipped.push({ provider, reason: `skipped: it lists per ${perValue.name} provider; ${pass} to purge it` });
  }
  providers = providers.filter((provider) => !skipped.some((skip) => skip.provider === provider));
  const cannotList = asked.filter((provider) => !lists(provider));
  if (providers.length === 0) {
    const listing = PROVIDERS.filter((provider) => hasKind(provider) && kindFor(provider, options.kind).kind.list);
    const unlisting = PROVIDERS.filter((provider) => hasKind(provider) && !kindFor(provider, options.kind).kind.list);
    const keys = listing.map((provider) => API_KEY_VARIABLES[provider]);
    const set = keys.length > 1 ? `${keys.slice(0, -1).join(', ')} or ${keys.at(-1)}` : keys.join('');
    const cannot = unlisting.length > 0 ? ` (${unlisting.join(', ')} cannot list)` : '';
    const needs = skipped
      .map(({ provider }) => `${provider} needs --${perValueOf(kinds.get(provider) as KindInfo)?.name}`)
      .join('; ');
    throw new UsageError(`no vendor to purge: set ${set}, or pass --provider${cannot}${needs ? `; ${needs}` : ''}`);
  }
  const filter: PurgeFilter = {
    olderThanMs: options.olderThan,
    cutoff: new Date(Date.now() - options.olderThan).toISOString(),
    providers: [...providers].sort(),
    upstreams: providers.some((provider) => perValueOf(kinds.get(provider) as KindInfo)) ? [...values].sort() : [],
    kinds: [...new Set(providers.map((provider) => (kinds.get(provider) as KindInfo).name))].sort(),
    hard: Boolean(options.hard),
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
      const name = options.kind ?? (vendor && filterKindOf(vendor, header.filter)?.name);
      return vendor?.kinds.find((kind) => kind.name === name)?.list ?? true;
    }),
    upstreams: options.upstream,
    kinds: options.kind === undefined ? undefined : [options.kind],
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
