// `mediajobs purge`: every job older than an age, listed into a snapshot, deleted with receipts, verified (the work is purge.ts's runPurge).
import type { Command } from 'commander';
import { vendors } from 'mediajobs';
import { type PurgeCommandOptions, runPurge } from '../purge.js';
import { kindOptions, perValueOption } from '../registry.js';
import { age } from '../snapshot.js';
import { ledgerOption } from './record.js';
import {
  addListingOptions,
  type CommandContext,
  commaList,
  kindsOption,
  positiveInteger,
  positiveNumber,
  providerList,
} from './shared.js';

/** Adds `mediajobs purge` to the program. */
export function addPurgeCommand(program: Command, { setExitCode, globalsOf }: CommandContext): void {
  const command = program
    .command('purge')
    .description('delete every job older than an age: list into a snapshot, delete with receipts, verify (resumable)')
    .option(
      '--older-than <age>',
      "delete jobs created before now minus this age (30d, 12h, 90m; a unit is required; with --resume, the snapshot's)",
      age,
    )
    .option(
      '--provider <providers>',
      'comma-separated (default: every vendor that can list and has a key set)',
      providerList,
    )
    .addOption(kindsOption());
  // The list option a kind lists per value of (a gateway's --upstream), from the registry.
  for (const { name, owners, option } of kindOptions('list').filter(({ option }) => option.required)) {
    command.option(
      `--${name} <names>`,
      `${owners}: ${option.description}, comma-separated (required there)`,
      commaList,
    );
  }
  const hard = kindOptions('delete').find(({ name }) => name === 'hard');
  command
    .option('--dry-run', 'list and write the snapshot for review; delete nothing')
    .option('--yes', 'delete without asking (needed when not on a terminal)')
    .option(
      '--receipts <file>',
      'one JSON line per ref; the snapshot goes to <file>.snapshot.jsonl',
      'mediajobs-purge.jsonl',
    )
    .option(
      '--resume',
      'delete from the existing snapshot with its filter, skipping refs with an ok receipt; count a 404 as deleted',
    )
    .option(
      '--hard',
      `${hard?.owners ?? 'the kinds that take it'}: ${hard?.option.description ?? 'delete for good'}; and delete jobs already soft-deleted (skipped otherwise)`,
    )
    .option('--concurrency <n>', 'requests in flight per vendor', positiveInteger, 8)
    .option('--rate <n>', 'requests per second per vendor, at most', positiveNumber)
    .option(
      '--from-ledger',
      `the kinds that cannot list (${cannotList()}): take the resources recorded in the ledger (mediajobs record) before the cutoff`,
    )
    .addOption(ledgerOption());
  addListingOptions(command)
    .addHelpText(
      'after',
      `
Examples:
  mediajobs purge --older-than 30d --dry-run           # review mediajobs-purge.jsonl.snapshot.jsonl
  mediajobs purge --resume --yes                       # delete what the reviewed snapshot lists
  mediajobs purge --older-than 30d --kind all --dry-run  # every kind that lists
${examples()}

The listing comes first and is written whole to the snapshot before any delete, so pages that shift
as jobs are deleted cannot hide one. With several kinds (mediajobs kinds), those made from others (a
video from a replica) are deleted first, and a kind with no read is deleted but cannot be verified.
The snapshot's first line records its filter (cutoff, vendors, upstreams, kinds, --hard): --resume deletes with that filter, and refuses one that differs. A job
outside the filter is never deleted. One run at a time per receipts file (a lock, <file>.lock).
Each deleted job is read back; "verified" in its receipt means the vendor reports it deleted or
gone. A vendor whose kind cannot list (${cannotList()}) is named in the summary and left alone, unless
--from-ledger: then its resources recorded in the ledger before the cutoff are the candidates.
Exit codes: 0 all deleted and verified, 1 some failed or a vendor could not be purged, 2 usage error,
no confirmation or another run on the same files, 130/143/129 stopped by SIGINT/SIGTERM/SIGHUP
(resume with --resume).`,
    )
    .action(async (options: PurgeCommandOptions, command: Command) => {
      setExitCode(await runPurge(options, globalsOf(command)));
    });
}

/** The vendors whose default kind cannot list, for the help. */
function cannotList(): string {
  return (
    vendors
      .filter((vendor) => !vendor.kinds[0].list)
      .map((vendor) => vendor.provider)
      .join(', ') || 'none today'
  );
}

/** The help's example naming vendors: one that lists once and one that lists per value, from the registry. */
function examples(): string {
  const plain = vendors.find((vendor) => vendor.kinds[0].list && !perValueOption(vendor.kinds[0]));
  const perValueVendor = vendors.find((vendor) => vendor.kinds[0].list && perValueOption(vendor.kinds[0]));
  const perValue = perValueVendor && perValueOption(perValueVendor.kinds[0]);
  const names = [plain, perValueVendor].flatMap((vendor) => (vendor ? [vendor.provider] : []));
  const values = perValue ? ` --${perValue.name} ${perValue.option.example ?? `<${perValue.name}>`}` : '';
  return `  mediajobs purge --older-than 90d --provider ${names.join(',')}${values} --yes --json`;
}
