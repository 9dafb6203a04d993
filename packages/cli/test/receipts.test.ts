// Receipts as --resume reads them back: ok receipts only, a torn line ignored, TensorsLab's kind
// defaulted; and a writer that never glues a new line to a torn one.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OkReceipts, ReceiptWriter } from '../src/receipts.js';

const file = (text: string) => {
  const path = join(mkdtempSync(join(tmpdir(), 'receipts-')), 'r.jsonl');
  writeFileSync(path, text);
  return path;
};

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
});
