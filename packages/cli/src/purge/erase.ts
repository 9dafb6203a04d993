// A purge's second half: ask, then delete from the snapshot and read each job back (receipts, verification).
import { createInterface as createPrompt } from 'node:readline/promises';
import { type JobRef, type MediaJobs, NotFoundError, type Provider } from 'mediajobs';
import { type Interrupt, receiptOf } from '../common.js';
import type { Io } from '../io.js';
import { humanLine, printable } from '../output.js';
import { ReceiptLog } from '../receipt-log.js';
import { OkReceipts, type Receipt, ReceiptWriter } from '../receipts.js';
import { type ListedRef, outsideFilter } from '../snapshot.js';
import { isAlreadyDeleted, ownLines } from './listing.js';
import type { Plan, PurgeCommandOptions } from './plan.js';
import type { VendorTally } from './tally.js';

/** On a terminal, asks; anywhere else, refuses (a purge deletes for good). */
export async function confirmed(
  toDelete: number,
  tallies: Map<Provider, VendorTally>,
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
  tally: (provider: Provider) => VendorTally,
  json: boolean,
  { drain, abort, stopStarting }: Interrupt,
  io: Io,
): Promise<ReceiptLog> {
  const done = options.resume ? await OkReceipts.read(options.receipts) : undefined;
  const log = new ReceiptLog(new ReceiptWriter(options.receipts), stopStarting, io.stderr);
  let written = 0;
  const record = (ref: ListedRef, error?: unknown, verified?: boolean) => {
    const receipt: Receipt = { ...receiptOf(ref, error), ...(verified === undefined ? {} : { verified }) };
    const recorded = log.record(receipt);
    const entry = tally(ref.provider);
    if (receipt.ok) entry.deleted += 1;
    else entry.failed += 1;
    if (verified) entry.verified += 1;
    written += 1;
    if (json) io.stdout.write(`${JSON.stringify(recorded ? receipt : { ...receipt, recorded: false })}\n`);
    else if (!receipt.ok) {
      io.stdout.write(`${humanLine(receipt)}\n`);
    }
    if (io.stderr.isTTY && !json && written % 50 === 0) io.stderr.write(`\rdeleting and verifying: ${written} done`);
  };
  async function* refs(): AsyncGenerator<JobRef & ListedRef> {
    for await (const line of ownLines(snapshot, plan)) {
      if (drain.aborted) return;
      if (line.type !== 'ref') continue;
      const { ref } = line;
      if (outsideFilter(ref, plan.filter) !== undefined || isAlreadyDeleted(ref, plan.filter) || done?.has(ref)) {
        continue;
      }
      yield ref;
    }
  }
  const verifying = new Set<Promise<void>>();
  const verify = async (ref: ListedRef) => {
    try {
      const job = await jobs.get(ref, { signal: abort });
      record(ref, undefined, job.status === 'deleted');
    } catch (error) {
      record(ref, undefined, NotFoundError.isInstance(error));
    }
  };
  try {
    const outcomes = jobs.deleteEach(refs(), {
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
    await Promise.all(verifying);
  } finally {
    log.close();
    if (io.stderr.isTTY && !json) io.stderr.write(`\rdeleting and verifying: ${written} done\n`);
  }
  return log;
}
