// Receipts as --resume reads them back: ok receipts only, a torn line ignored, TensorsLab's kind
// defaulted; and a writer that never glues a new line to a torn one, flushes each receipt before it
// counts, and says in plain words why a write failed. /dev/full and /dev/null are real devices that
// refuse a write (ENOSPC) and a flush (EINVAL); the failures no device stages here (a short write, a file
// size limit, a quota, a failing disk) are staged by replacing node:fs's writeSync for one call.
import fs, { existsSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OkReceipts, ReceiptWriteError, ReceiptWriter } from '../src/receipts.js';
import { fsError, withFs } from './fs-faults.js';
import { tempFolder } from './temp-folder.js';

/** A path in a fresh folder, removed when the test ends; with `text`, a file holding it. */
const file = (text?: string) => {
  const folder = tempFolder('receipts-');
  const path = join(folder, 'r.jsonl');
  if (text !== undefined) writeFileSync(path, text);
  return path;
};

const failure = (act: () => void): ReceiptWriteError => {
  try {
    act();
  } catch (error) {
    if (error instanceof ReceiptWriteError) return error;
    throw error;
  }
  throw new Error('expected a ReceiptWriteError, and nothing was thrown');
};

const { writeSync: realWriteSync } = fs;

/** How many of this process's open files are `path` (Linux's /proc). */
const openCount = (path: string) =>
  readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`) === path;
    } catch {
      return false; // the folder's own descriptor, closed by now
    }
  }).length;

describe('OkReceipts', () => {
  it('holds the refs with an ok receipt, and no other', async () => {
    const path = file(
      [
        '{"provider":"tavus","id":"a","ok":true,"at":"x"}',
        '{"provider":"tavus","id":"b","ok":false,"at":"x"}',
        '{"provider":"tensorslab","id":"c","ok":true,"at":"x"}',
        '{"provider":"a2e","id":"d","ok":tr',
      ].join('\n'),
    );
    const done = await OkReceipts.read(path);
    expect(done.size).toBe(2);
    expect(done.has({ provider: 'tavus', id: 'a' })).toBe(true);
    expect(done.has({ provider: 'tavus', id: 'b' })).toBe(false);
    expect(done.has({ provider: 'a2e', id: 'a' })).toBe(false);
    // TensorsLab's kind defaults to video, as in the facade.
    expect(done.has({ provider: 'tensorslab', id: 'c', kind: 'video' })).toBe(true);
    expect(done.has({ provider: 'tensorslab', id: 'c', kind: 'image' })).toBe(false);
    expect(done.has({ provider: 'a2e', id: 'd' })).toBe(false);
  });

  it('finds each of many refs (the sorted search), and none that is absent', async () => {
    const lines = Array.from({ length: 5000 }, (_, i) => JSON.stringify({ provider: 'a2e', id: `job-${i}`, ok: true }));
    const done = await OkReceipts.read(file(lines.join('\n')));
    for (let i = 0; i < 5000; i += 1) expect(done.has({ provider: 'a2e', id: `job-${i}` })).toBe(true);
    for (let i = 5000; i < 6000; i += 1) expect(done.has({ provider: 'a2e', id: `job-${i}` })).toBe(false);
  });

  it('skips a line that is JSON but not a receipt (null, a number, blank) instead of failing the resume', async () => {
    const path = file(['null', '7', '', '{"provider":"tavus","id":"a","ok":true,"at":"x"}', ''].join('\n'));
    const done = await OkReceipts.read(path);
    expect(done.size).toBe(1);
    expect(done.has({ provider: 'tavus', id: 'a' })).toBe(true);
  });
});

describe('ReceiptWriter', () => {
  it('starts on a line of its own after a torn last line', () => {
    const path = file('{"provider":"tavus","id":"a","ok":tr');
    const writer = new ReceiptWriter(path);
    writer.write({ provider: 'tavus', id: 'b', ok: true });
    writer.close();
    expect(readFileSync(path, 'utf8').split('\n')).toEqual([
      '{"provider":"tavus","id":"a","ok":tr',
      '{"provider":"tavus","id":"b","ok":true}',
      '',
    ]);
  });

  it('writes a new file’s first receipt on its first line, with no blank line before it', () => {
    const path = file();
    const writer = new ReceiptWriter(path);
    writer.write({ id: 'a', ok: true });
    writer.close();
    expect(readFileSync(path, 'utf8')).toBe('{"id":"a","ok":true}\n');
  });

  it('appends to a file whose last line is whole with no blank line between the runs', () => {
    const path = file('{"id":"a","ok":true}\n');
    const writer = new ReceiptWriter(path);
    writer.write({ id: 'b', ok: true });
    writer.close();
    expect(readFileSync(path, 'utf8')).toBe('{"id":"a","ok":true}\n{"id":"b","ok":true}\n');
  });

  it.skipIf(!existsSync('/dev/full'))('a full disk: the write throws, naming the file and the cause', () => {
    const writer = new ReceiptWriter('/dev/full');
    try {
      const error = failure(() => writer.write({ id: 'a', ok: true }));
      expect(error).toMatchObject({
        name: 'ReceiptWriteError',
        path: '/dev/full',
        reason: 'ENOSPC (no space left on the device)',
        message: 'could not write to /dev/full: ENOSPC (no space left on the device)',
      });
    } finally {
      failure(() => writer.close()); // /dev/full cannot be flushed either
    }
  });

  it.each([
    ['EFBIG', 'EFBIG (the file is larger than this process may write)'],
    ['EDQUOT', 'EDQUOT (the disk quota is used up)'],
    ['EIO', 'EIO (an input/output error)'],
  ])('a write refused with %s says what it means', (code, reason) => {
    const path = file();
    const writer = new ReceiptWriter(path);
    withFs(
      {
        writeSync: () => {
          throw fsError(code);
        },
      },
      () => expect(failure(() => writer.write({ id: 'a', ok: true })).reason).toBe(reason),
    );
    writer.close();
  });

  it('a short write (the disk filled mid-line) throws, and the next receipt starts on a line of its own that --resume reads', async () => {
    const path = file();
    const writer = new ReceiptWriter(path);
    const line = `${JSON.stringify({ provider: 'tavus', id: 'a', ok: true })}\n`;
    withFs(
      { writeSync: ((fd: number, bytes: Buffer) => realWriteSync(fd, bytes.subarray(0, 10))) as typeof fs.writeSync },
      () => {
        expect(failure(() => writer.write({ provider: 'tavus', id: 'a', ok: true })).reason).toBe(
          `only 10 of ${line.length} bytes were written (is the disk full?)`,
        );
      },
    );
    writer.write({ provider: 'tavus', id: 'b', ok: true });
    writer.close();
    expect(readFileSync(path, 'utf8')).toBe(`${line.slice(0, 10)}\n{"provider":"tavus","id":"b","ok":true}\n`);
    const done = await OkReceipts.read(path);
    expect(done.size).toBe(1);
    expect(done.has({ provider: 'tavus', id: 'b' })).toBe(true);
  });

  it.skipIf(!existsSync('/dev/null'))(
    'flushes each receipt before write returns: a file that cannot be flushed fails the write, with the system’s words for an unlisted cause',
    () => {
      // /dev/null takes the bytes but refuses fdatasync (EINVAL).
      const writer = new ReceiptWriter('/dev/null');
      try {
        expect(failure(() => writer.write({ id: 'a', ok: true })).message).toBe(
          'could not write to /dev/null: EINVAL (EINVAL: invalid argument, fdatasync)',
        );
      } finally {
        failure(() => writer.close());
      }
    },
  );

  it.skipIf(!existsSync('/dev/null') || !existsSync('/proc/self/fd'))(
    'a snapshot writer flushes once, on close: its writes land, a failed flush is thrown, and the file is released anyway',
    () => {
      const before = openCount('/dev/null');
      const writer = new ReceiptWriter('/dev/null', 'close');
      expect(openCount('/dev/null')).toBe(before + 1);
      writer.write({ id: 'a', ok: true });
      expect(failure(() => writer.close()).reason).toBe('EINVAL (EINVAL: invalid argument, fdatasync)');
      expect(openCount('/dev/null')).toBe(before);
    },
  );
});
