// `mediajobs purge`: every job older than an age, listed into a snapshot, deleted with receipts, verified (the work is purge.ts's runPurge).
import type { Command } from 'commander';
import { type PurgeCommandOptions, runPurge } from '../purge.js';
import { age } from '../snapshot.js';
import {
  addListingOptions,
  type CommandContext,
  commaList,
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
    .option(
      '--upstream <names>',
      'Bifrost: the gateway providers whose jobs to purge, comma-separated (required for bifrost)',
      commaList,
    )
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
    .option('--hard', 'Tavus: delete assets too, and delete videos already soft-deleted (skipped otherwise)')
    .option('--concurrency <n>', 'requests in flight per vendor', positiveInteger, 8)
    .option('--rate <n>', 'requests per second per vendor, at most', positiveNumber);
  addListingOptions(command)
    .addHelpText(
      'after',
      `
Examples:
  mediajobs purge --older-than 30d --dry-run           # review mediajobs-purge.jsonl.snapshot.jsonl
  mediajobs purge --resume --yes                       # delete what the reviewed snapshot lists
  mediajobs purge --older-than 90d --provider tavus,bifrost --upstream openai --yes --json

The listing comes first and is written whole to the snapshot before any delete, so pages that shift
as jobs are deleted cannot hide one. The snapshot's first line records its filter (cutoff, vendors,
upstreams, kinds, --hard): --resume deletes with that filter, and refuses one that differs. A job
outside the filter is never deleted. One run at a time per receipts file (a lock, <file>.lock).
Each deleted job is read back; "verified" in its receipt means the vendor reports it deleted or
gone. TensorsLab cannot list: it is named in the summary and left alone.
Exit codes: 0 all deleted and verified, 1 some failed or a vendor could not be purged, 2 usage error,
no confirmation or another run on the same files, 130/143/129 stopped by SIGINT/SIGTERM/SIGHUP
(resume with --resume).`,
    )
    .action(async (options: PurgeCommandOptions, command: Command) => {
      setExitCode(await runPurge(options, globalsOf(command)));
    });
}
