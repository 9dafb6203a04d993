// A purge's second half: ask, then delete from the snapshot and read each job back (receipts, verification).
import { createInterface as createPrompt } from 'node:readline/promises';
import type { Ledger } from '@mediajobs/ledger';
import { erasePhases, type JobRef, type MediaJobs, NotFoundError, vendorOf } from 'mediajobs';
import { type Interrupt, receiptOf } from '../common.js';
import type { Io } from '../io.js';
import { humanLine, printable } from '../output.js';
import { ReceiptLog } from '../receipt-log.js';
import { OkReceipts, type Receipt, ReceiptWriter } from '../receipts.js';
import { filterKindsOf, type ListedRef, outsideFilter, type PurgeFilter } from '../snapshot.js';
import { isAlreadyDeleted, ownLines } from './listing.js';
import type { Plan, PurgeCommandOptions } from './plan.js';
import type { Tally, VendorTally } from './tally.js';

/** On a terminal, asks; anywhere else, refuses (a purge deletes for good). */
export async function confirmed(
  toDelete: number,
  tallies: Map<string, VendorTally>,
  snapshot: string,
  io: Io,
): Promise<boolean> {
  const counts = [...tallies]
    .filter(([, entry]) => entry.matched > 0)
    .map(([provider, entry]) => `${provider} ${entry.matched - entry.alreadyDeleted - entry.outside}`)
    .join(', ');
  if (!io.stdin.isTTY || !io.stderr.isTTY) {
    io.stderr.write(
      `mediajobs: refusing to delete ${toDelete} jobs (${counts}) without --yes when not on a terminal. ` +
        `Review ${printable(snapshot)}, then run the same purge with --resume --yes.\n`,
    );
    return false;
  }
  const prompt = createPrompt({ input: io.stdin, output: io.stderr as NodeJS.WritableStream });
  try {
    const answer = await prompt.question(
      `Delete ${toDelete} jobs (${counts}) for good? Listed in ${printable(snapshot)}. [y/N] `,
    );
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    prompt.close();
  }
}

/**
 * Deletes the snapshot's refs inside its filter (minus those with an ok receipt), then reads each one
 * back: deleted, or not found (404, Tavus's 400 `Invalid video_id`), marks its receipt `verified: true`.
 * Returns the receipt log, which knows whether every outcome was recorded.
 */
export async function deleteAndVerify(
  jobs: MediaJobs,
  snapshot: string,
  plan: Plan,
  options: PurgeCommandOptions,
  tally: Tally,
  json: boolean,
  { drain, abort, stopStarting }: Interrupt,
  io: Io,
  /** With --from-ledger: told what was deleted, so that it is not a candidate again. */
  ledger?: Ledger,
): Promise<ReceiptLog> {
  const erased: ListedRef[] = [];
  const done = options.resume ? await OkReceipts.read(options.receipts) : undefined;
  const log = new ReceiptLog(new ReceiptWriter(options.receipts), stopStarting, io.stderr);
  let written = 0;
  const record = (ref: ListedRef, error?: unknown, verified?: boolean) => {
    const receipt: Receipt = { ...receiptOf(ref, error), ...(verified === undefined ? {} : { verified }) };
    const recorded = log.record(receipt);
    const entry = tally(ref.provider, ref.kind);
    if (receipt.ok) entry.deleted += 1;
    else entry.failed += 1;
    if (verified) entry.verified += 1;
    if (receipt.ok && verified === undefined) entry.unverifiable += 1;
    written += 1;
    if (receipt.ok && ref.ledger) erased.push(ref);
    if (json) io.stdout.write(`${JSON.stringify(recorded ? receipt : { ...receipt, recorded: false })}\n`);
    else if (!receipt.ok) {
      io.stdout.write(`${humanLine(receipt)}\n`);
    }
    if (io.stderr.isTTY && !json && written % 50 === 0) io.stderr.write(`\rdeleting and verifying: ${written} done`);
  };
  const phaseOf = erasePhasesOf(plan.filter);
  async function* refs(phase: number): AsyncGenerator<JobRef & ListedRef> {
    for await (const line of ownLines(snapshot, plan)) {
      if (drain.aborted) return;
      if (line.type !== 'ref') continue;
      const { ref } = line;
      if (outsideFilter(ref, plan.filter) !== undefined || isAlreadyDeleted(ref, plan.filter) || done?.has(ref)) {
        continue;
      }
      if (phaseOf(ref) === phase) yield ref;
    }
  }
  const verifying = new Set<Promise<void>>();
  // A kind without a read cannot be verified: its receipt has no `verified`, and the summary says so.
  const readable = (ref: ListedRef) => {
    const vendor = vendorOf(ref.provider);
    return vendor?.kinds.find((kind) => kind.name === (ref.kind ?? vendor.kinds[0].name))?.get ?? false;
  };
  const verify = async (ref: ListedRef) => {
    if (!readable(ref)) return record(ref);
    try {
      const job = await jobs.get(ref, { signal: abort });
      record(ref, undefined, job.status === 'deleted');
    } catch (error) {
      // A kind found in the ledger cannot list, and its vendor answers an unknown id with a generic
      // error (TensorsLab: code 9999): a read that does not say not found confirms nothing either way.
      record(ref, undefined, NotFoundError.isInstance(error) ? true : ref.ledger ? undefined : false);
    }
  };
  try {
    // Kinds made from others first (a conversation before the replica it was held with): each phase's
    // deletes are done before the next phase starts.
    for (let phase = 0; phase <= phaseOf.last && !drain.aborted; phase += 1) {
      const outcomes = jobs.deleteEach(refs(phase), {
        concurrency: options.concurrency,
        hard: plan.filter.hard,
        drain,
        signal: abort,
        notFoundIsDeleted: options.resume,
      });
      for await (const outcome of outcomes) {
        const ref = outcome.ref as ListedRef;
        if (!outcome.ok) {
          record(ref, outcome.error);
          continue;
        }
        const check: Promise<void> = verify(ref).finally(() => verifying.delete(check));
        verifying.add(check);
        if (verifying.size >= options.concurrency) await Promise.race(verifying);
      }
    }
    await Promise.all(verifying);
    if (ledger && erased.length > 0) {
      await ledger.markErased(
        erased.map((ref) => ({ provider: ref.provider, kind: ref.kind as string, id: ref.id })),
        'purge',
      );
    }
  } finally {
    log.close();
    if (io.stderr.isTTY && !json) io.stderr.write(`\rdeleting and verifying: ${written} done\n`);
  }
  return log;
}

/**
 * The phase in which a ref is deleted (the registry's erasePhases for each vendor's kinds in the
 * filter), and the last phase over every vendor.
 */
export function erasePhasesOf(filter: PurgeFilter): ((ref: ListedRef) => number) & { last: number } {
  const phases = new Map<string, number>();
  let last = 0;
  for (const provider of filter.providers) {
    const vendor = vendorOf(provider);
    const kinds = vendor ? filterKindsOf(vendor, filter).map((kind) => kind.name) : [];
    for (const [index, names] of erasePhases(provider, kinds).entries()) {
      for (const name of names) phases.set(`${provider} ${name}`, index);
      last = Math.max(last, index);
    }
  }
  const phaseOf = (ref: ListedRef) =>
    phases.get(`${ref.provider} ${ref.kind ?? vendorOf(ref.provider)?.kinds[0].name}`) ?? 0;
  return Object.assign(phaseOf, { last });
}
