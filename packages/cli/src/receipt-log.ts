// The receipts of a bulk run, and what happens when one cannot be written. A deletion without a
// receipt breaks the promise the receipts make, so the first write that fails (a full disk, a file
// size limit) stops the run from starting more; the receipts of calls still in flight are still
// tried, and every outcome that did not reach the file is told, with the command that resumes.
import type { Output } from './io.js';
import { printable } from './output.js';
import { type Receipt, ReceiptWriteError, type ReceiptWriter } from './receipts.js';

export class ReceiptLog {
  /** Outcomes whose receipt did not reach the file, in order. */
  readonly unrecorded: Receipt[] = [];
  /** The first write that failed. */
  failure?: ReceiptWriteError;

  constructor(
    private readonly writer: ReceiptWriter,
    /** Called once, on the first failed write: start no new deletes. */
    private readonly onFailure: () => void,
    /** Where `report` prints. */
    private readonly stderr: Output,
  ) {}

  /** Writes a receipt; false when it could not be written (it is then kept in `unrecorded`). */
  record(receipt: Receipt): boolean {
    try {
      this.writer.write(receipt);
      return true;
    } catch (error) {
      if (!(error instanceof ReceiptWriteError)) throw error;
      this.unrecorded.push(receipt);
      this.fail(error);
      return false;
    }
  }

  /** Flushes and closes the file; a failed flush makes every receipt of the run uncertain, and says so. */
  close(): void {
    try {
      this.writer.close();
    } catch (error) {
      if (!(error instanceof ReceiptWriteError)) throw error;
      this.fail(error);
    }
  }

  /** On stderr: what failed, each outcome not recorded, and how to resume. Nothing when all went well. */
  report(resume: string): void {
    if (!this.failure) return;
    const lines = [
      `mediajobs: ${printable(this.failure.message)}. No new deletes were started after it.`,
      this.unrecorded.length > 0
        ? `These ${this.unrecorded.length} outcomes are NOT recorded in ${printable(this.writer.path)}:`
        : `Every outcome was written, but the file could not be flushed to the disk: check ${printable(this.writer.path)}.`,
      ...this.unrecorded.map((receipt) => {
        const ref = printable([receipt.provider, receipt.kind, receipt.id].filter(Boolean).join(' '));
        const what = receipt.ok ? 'deleted' : `failed (${printable(receipt.error?.name ?? 'error')})`;
        return `  ${what}: ${ref}`;
      }),
      `Free some space, then resume with: ${resume}`,
    ];
    this.stderr.write(`${lines.join('\n')}\n`);
  }

  private fail(error: ReceiptWriteError): void {
    if (this.failure) return;
    this.failure = error;
    this.onFailure();
  }
}
