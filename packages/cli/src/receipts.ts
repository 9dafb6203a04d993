// Receipts: one JSON line per input ref, appended and flushed as each outcome arrives, so that a
// run killed at any moment can be resumed without losing or repeating a deletion.
import { closeSync, createReadStream, existsSync, openSync, readSync, statSync, writeSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { JobRef } from 'mediajobs';

export interface Receipt {
  provider?: string;
  id?: string;
  kind?: string;
  ok: boolean;
  error?: { name: string; status?: number; code?: string | number; message: string };
  /** The input line the ref came from. */
  line?: number;
  /** purge: a read after the delete found the job deleted or gone. */
  verified?: boolean;
  at: string;
}

/** Identifies a ref across runs; TensorsLab's kind defaults to video, as in the facade. */
export function refKey(ref: Partial<JobRef>): string {
  const kind = ref.kind ?? (ref.provider === 'tensorslab' ? 'video' : '');
  return `${ref.provider}\u0000${kind}\u0000${ref.id}`;
}

/** The refs that already have an `ok` receipt (for --resume). A line cut off by a crash is ignored. */
export async function okKeysIn(path: string): Promise<Set<string>> {
  const keys = new Set<string>();
  if (!existsSync(path)) return keys;
  for await (const text of createInterface({ input: createReadStream(path), crlfDelay: Number.POSITIVE_INFINITY })) {
    try {
      const receipt = JSON.parse(text) as Receipt;
      if (receipt.ok === true) keys.add(refKey(receipt as Partial<JobRef>));
    } catch {
      // the last line of a killed run may be incomplete
    }
  }
  return keys;
}

/** Appends receipts to a file with one write call per line (no buffering in this process). */
export class ReceiptWriter {
  private readonly fd: number;

  constructor(path: string) {
    this.fd = openSync(path, 'a+');
    // A run killed mid-write can leave a line without its newline; never glue the next one to it.
    const size = statSync(path).size;
    if (size > 0) {
      const last = Buffer.alloc(1);
      readSync(this.fd, last, 0, 1, size - 1);
      if (last[0] !== 0x0a) writeSync(this.fd, '\n');
    }
  }

  /** Appends one JSON line (a receipt, or a purge snapshot's line). */
  write(line: object): void {
    writeSync(this.fd, `${JSON.stringify(line)}\n`);
  }

  close(): void {
    closeSync(this.fd);
  }
}
