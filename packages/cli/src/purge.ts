import type { Ledger } from '@mediajobs/ledger';
import { EXIT, type GlobalOptions, type Interrupt, onInterrupt, withJobs } from './common.js';
import { withLedger } from './ledger.js';
import { lockFile } from './lock.js';
import { printable } from './output.js';
import { confirmed, deleteAndVerify } from './purge/erase.js';
import { countSnapshot, listIntoSnapshot } from './purge/listing.js';
import { freshPlan, type Plan, type PurgeCommandOptions, resumedPlan } from './purge/plan.js';
import { createTallies, isFailure, summarize } from './purge/tally.js';
import { formatAge } from './snapshot.js';

export type { PurgeCommandOptions } from './purge/plan.js';

/** `mediajobs purge`: returns the exit code. */
export async function runPurge(options: PurgeCommandOptions, globals: GlobalOptions): Promise<number> {
  const snapshot = `${options.receipts}.snapshot.jsonl`;
  // Checked before the lock is taken: a usage error leaves no lock behind to explain.
  const plan = options.resume ? undefined : freshPlan(options, globals);
  // One run per receipts file and snapshot: another would rewrite the listing this one deletes from.
  const lock = lockFile(options.receipts);
  const interrupt = onInterrupt(globals.io.stderr);
  try {
    const chosen = plan ?? (await resumedPlan(options, snapshot));
    // --from-ledger: the ledger gives the candidates of the kinds that cannot list, and is told what went.
    if (!chosen.filter.fromLedger) return await purge(chosen, snapshot, options, globals, interrupt);
    return await withLedger(options, globals.io.env, globals.io.stderr, (ledger) =>
      purge(chosen, snapshot, options, globals, interrupt, ledger),
    );
  } finally {
    interrupt.stop();
    lock.release();
  }
}

async function purge(
  plan: Plan,
  snapshot: string,
  options: PurgeCommandOptions,
  globals: GlobalOptions,
  interrupt: Interrupt,
  ledger?: Ledger,
): Promise<number> {
  const { filter } = plan;
  const { tallies, tally } = createTallies(filter);
  const json = Boolean(globals.json);
  const { io } = globals;
  const resume = `mediajobs purge --receipts ${options.receipts} --resume --yes`;
  return withJobs(
    globals,
    async (jobs) => {
      if (!options.resume) {
        const progress = Boolean(io.stderr.isTTY) && !json;
        const stopped = await listIntoSnapshot(jobs, plan, options, snapshot, tally, interrupt, progress, io, ledger);
        if (stopped !== undefined) {
          summarize(io, tallies, json, `nothing was deleted: ${stopped}`);
          return interrupt.drain.aborted ? interrupt.exitCode() : EXIT.failed;
        }
      }
      const toDelete = await countSnapshot(snapshot, plan, options, tally, io);
      for (const provider of plan.cannotList) tally(provider).cannotList = true;
      for (const { provider, reason } of plan.skipped) tally(provider).skipped = reason;
      const matching = `jobs older than ${formatAge(filter.olderThanMs)} (created before ${filter.cutoff})`;
      if (options.dryRun) {
        summarize(io, tallies, json, `dry run: ${toDelete} ${matching} would be deleted; see ${printable(snapshot)}`);
        return [...tallies.values()].some(isFailure) ? EXIT.failed : EXIT.ok;
      }
      if (toDelete > 0 && !options.yes && !(await confirmed(toDelete, tallies, snapshot, io))) return EXIT.usage;
      const log = await deleteAndVerify(jobs, snapshot, plan, options, tally, json, interrupt, io, ledger);
      if (log.failure) {
        summarize(io, tallies, json, `receipts in ${printable(options.receipts)}, incomplete`);
        log.report(resume);
        return EXIT.failed;
      }
      if (interrupt.drain.aborted) {
        io.stderr.write(`Interrupted. Resume with: ${printable(resume)}\n`);
        return interrupt.exitCode();
      }
      summarize(io, tallies, json, `receipts in ${printable(options.receipts)}`);
      return [...tallies.values()].some(isFailure) ? EXIT.failed : EXIT.ok;
    },
    {
      rate: options.rate,
      maxRetries: options.retries,
      retryWaitMs: options.retryWait,
      timeoutMs: options.timeout,
      providers: filter.providers,
    },
  );
}
