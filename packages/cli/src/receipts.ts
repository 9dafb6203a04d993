// Receipts: one JSON line per input ref, written and flushed to disk as each outcome arrives, so that a
// run killed at any moment can be resumed without losing or repeating a deletion.
import { createHash } from 'node:crypto';
import {
  closeSync,
  createReadStream,
  existsSync,
  fdatasyncSync,
  openSync,
  readSync,
  statSync,
  writeSync,
} from 'node:fs';
import { createInterface } from 'node:readline';
import type { JobRef } from 'mediajobs';
import { defaultKindOf } from './registry.js';

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
  /** Only in what --json prints: this outcome's receipt could not be written to the file. */
  recorded?: false;
}

/**
 * Identifies a ref across runs. A ref without a kind is of its vendor's default kind (so
 * `{provider: 'tavus', id}` and what `list` prints, with `kind: 'video'`, agree).
 */
export function refKey(ref: Partial<JobRef>): string {
  const kind = ref.kind ?? defaultKindOf(ref.provider) ?? '';
  return `${ref.provider}\u0000${kind}\u0000${ref.id}`;
}

/**
 * The refs that already have an `ok` receipt, for --resume. Held as 64-bit hashes in one sorted array:
 * 8 MB at a million receipts, where a Set of their keys retained 104 MB (`pnpm bench --only=resume`). A
 * ref wrongly taken for done needs its hash to match another's: odds of about n / 2^64 (1 in 18 trillion
 * at a million).
 */
export class OkReceipts {
  private constructor(private readonly hashes: BigUint64Array) {}

  /** Reads a receipts file; a line cut off by a crash or a full disk is not JSON and is ignored. */
  static async read(path: string): Promise<OkReceipts> {
    let hashes = new BigUint64Array(1024);
    let count = 0;
    if (existsSync(path)) {
      for await (const text of createInterface({
        input: createReadStream(path),
        crlfDelay: Number.POSITIVE_INFINITY,
      })) {
        let receipt: Receipt;
        try {
          receipt = JSON.parse(text) as Receipt;
        } catch {
          continue;
        }
        if (receipt?.ok !== true) continue;
        if (count === hashes.length) {
          const grown = new BigUint64Array(hashes.length * 2);
          grown.set(hashes);
          hashes = grown;
        }
        hashes[count++] = hashOf(refKey(receipt as Partial<JobRef>));
      }
    }
    return new OkReceipts(hashes.slice(0, count).sort());
  }

  get size(): number {
    return this.hashes.length;
  }

  has(ref: Partial<JobRef>): boolean {
    const hash = hashOf(refKey(ref));
    let low = 0;
    let high = this.hashes.length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const value = this.hashes[middle] as bigint;
      if (value === hash) return true;
      if (value < hash) low = middle + 1;
      else high = middle - 1;
    }
    return false;
  }
}

function hashOf(key: string): bigint {
  return createHash('sha256').update(key).digest().readBigUInt64BE(0);
}

/** A write to a receipts or snapshot file that did not land whole (a full disk, a file size limit). */
export class ReceiptWriteError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`could not write to ${path}: ${reason}`);
    this.name = 'ReceiptWriteError';
  }
}

/**
 * Appends JSON lines with one write call each (no buffering in this process). With `sync: 'each'`
 * (receipts) each line is also flushed to the disk before `write` returns, so that a receipt that
 * counted is on the disk; a snapshot is flushed once, on `close`. A failed or short write throws a
 * ReceiptWriteError; the next line starts on a line of its own, so the torn one is left unreadable
 * (and ignored on --resume) rather than glued to it.
 */
export class ReceiptWriter {
  private readonly fd: number;
  private torn = false;

  constructor(
    readonly path: string,
    private readonly sync: 'each' | 'close' = 'each',
  ) {
    this.fd = openSync(path, 'a+');
    // A run killed mid-write can leave a line without its newline; never glue the next one to it.
    const size = statSync(path).size;
    if (size > 0) {
      const last = Buffer.alloc(1);
      readSync(this.fd, last, 0, 1, size - 1);
      this.torn = last[0] !== 0x0a;
    }
  }

  /** Appends one JSON line (a receipt, or a purge snapshot's line). */
  write(line: object): void {
    const bytes = Buffer.from(`${this.torn ? '\n' : ''}${JSON.stringify(line)}\n`);
    this.torn = true;
    let written: number;
    try {
      written = writeSync(this.fd, bytes);
      if (this.sync === 'each') fdatasyncSync(this.fd);
    } catch (error) {
      throw new ReceiptWriteError(this.path, describe(error));
    }
    if (written < bytes.length) {
      throw new ReceiptWriteError(
        this.path,
        `only ${written} of ${bytes.length} bytes were written (is the disk full?)`,
      );
    }
    this.torn = false;
  }

  /** Flushes and closes; a failure to flush is thrown (what was written may not be on the disk). */
  close(): void {
    try {
      fdatasyncSync(this.fd);
    } catch (error) {
      throw new ReceiptWriteError(this.path, describe(error));
    } finally {
      closeSync(this.fd);
    }
  }
}

function describe(error: unknown): string {
  const { code, message } = error as NodeJS.ErrnoException;
  const meaning: Record<string, string> = {
    ENOSPC: 'no space left on the device',
    EFBIG: 'the file is larger than this process may write',
    EDQUOT: 'the disk quota is used up',
    EIO: 'an input/output error',
  };
  return code ? `${code} (${meaning[code] ?? message})` : String(message ?? error);
}
