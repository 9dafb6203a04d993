// erasePhases: the order an erasure (a purge, the ledger's erase) deletes one vendor's kinds in.
import { describe, expect, it } from 'vitest';
import { erasePhases } from '../src/index.js';

describe('erasePhases', () => {
  it('puts what is made from a kind before it: Tavus videos and conversations before replicas and personas', () => {
    expect(erasePhases('tavus', ['replica', 'video'])).toEqual([['video'], ['replica']]);
    expect(erasePhases('tavus', ['persona', 'replica', 'conversation', 'memory-store', 'video'])).toEqual([
      ['conversation', 'memory-store', 'video'],
      ['persona', 'replica'],
    ]);
  });

  it('keeps kinds nothing is made from in one phase, and a kind alone in its own', () => {
    expect(erasePhases('tavus', ['replica'])).toEqual([['replica']]);
    expect(erasePhases('bifrost', ['video', 'file'])).toEqual([['video', 'file']]);
    expect(erasePhases('tavus', [])).toEqual([]);
  });
});
