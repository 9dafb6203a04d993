// The receipts of a bulk run when the disk refuses them, in the test's own process: a deletion without a receipt
// must stop the run from starting more and be told, with the command that resumes. /dev/full is a real full disk
// (every write fails with ENOSPC); operations.test.ts runs the same through the built command with a file size limit.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ReceiptLog } from '../src/receipt-log.js';
import { type Receipt, ReceiptWriteError, ReceiptWriter } from '../src/receipts.js';

const AT = '2026-11-30T12:00:00.000Z';
const deleted: Receipt = { provider: 'tavus', kind: 'video', id: 'v1', ok: true, at: AT };
const refused: Receipt = {
  provider: 'a2e',
  id: 'a9',
  ok: false,
  error: { name: 'NotFoundError', status: 404, message: 'no such job' },
  at: AT,
};
const RESUME = 'mediajobs delete --from refs.jsonl --receipts r.jsonl --resume';

function logTo(writer: ReceiptWriter) {
  let stopped = 0;
  let printed = '';
  const log = new ReceiptLog(writer, () => stopped++, { write: (text: string) => (printed += text) });
  return { log, stopped: () => stopped, printed: () => printed };
}

/** A writer whose writes land but whose final flush fails (the disk gave out after the last write). */
function writerThatCannotFlush(): ReceiptWriter {
  return {
    path: 'r.jsonl',
    write() {},
    close() {
      throw new ReceiptWriteError('r.jsonl', 'EIO (an input/output error)');
    },
  } as unknown as ReceiptWriter;
}

describe('receipts on a disk that refuses them', () => {
  it.skipIf(!existsSync('/dev/full'))(
    'a full disk: the first failed receipt stops new deletes (once), and every outcome not written is told, with how to resume',
    () => {
      const { log, stopped, printed } = logTo(new ReceiptWriter('/dev/full'));
      expect(log.record(deleted)).toBe(false);
      expect(stopped()).toBe(1);
      expect(log.record(refused)).toBe(false);
      expect(stopped()).toBe(1);
      expect(log.unrecorded).toEqual([deleted, refused]);
      expect(log.failure?.message).toBe('could not write to /dev/full: ENOSPC (no space left on the device)');
      log.close();
      log.report(RESUME);
      expect(printed().split('\n')).toEqual([
        'mediajobs: could not write to /dev/full: ENOSPC (no space left on the device). No new deletes were started after it.',
        'These 2 outcomes are NOT recorded in /dev/full:',
        '  deleted: tavus video v1',
        '  failed (NotFoundError): a2e a9',
        `Free some space, then resume with: ${RESUME}`,
        '',
      ]);
    },
  );

  it('a disk with room: every receipt is written, and nothing is reported', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'receipt-log-')), 'r.jsonl');
    const { log, stopped, printed } = logTo(new ReceiptWriter(path));
    expect(log.record(deleted)).toBe(true);
    expect(log.record(refused)).toBe(true);
    log.close();
    log.report(RESUME);
    expect(stopped()).toBe(0);
    expect(log.unrecorded).toEqual([]);
    expect(printed()).toBe('');
    expect(
      readFileSync(path, 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line)),
    ).toEqual([deleted, refused]);
  });

  it('every receipt written but the flush at the end failed: the run says the file is uncertain, not that all is well', () => {
    const { log, stopped, printed } = logTo(writerThatCannotFlush());
    expect(log.record(deleted)).toBe(true);
    log.close();
    expect(stopped()).toBe(1);
    log.report(RESUME);
    expect(printed()).toContain(
      'Every outcome was written, but the file could not be flushed to the disk: check r.jsonl.',
    );
    expect(printed()).toContain(`Free some space, then resume with: ${RESUME}`);
  });

  it('an error that is not a failed write is thrown, not taken for a full disk', () => {
    const broken = {
      path: 'r.jsonl',
      write() {
        throw new TypeError('a bug');
      },
      close() {
        throw new RangeError('another bug');
      },
    } as unknown as ReceiptWriter;
    const { log, stopped } = logTo(broken);
    expect(() => log.record(deleted)).toThrow(TypeError);
    expect(() => log.close()).toThrow(RangeError);
    expect(stopped()).toBe(0);
    expect(log.unrecorded).toEqual([]);
  });
});
