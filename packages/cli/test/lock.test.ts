// The lock that keeps two runs off one receipts file: refused while its holder lives, taken over when
// it is dead, and never removed by a run that no longer holds it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lockFile } from '../src/lock.js';

const receipts = () => join(mkdtempSync(join(tmpdir(), 'lock-')), 'receipts.jsonl');

/** The pid of a process that has ended. */
function deadPid(): number {
  const { pid } = spawnSync(process.execPath, ['-e', '0']);
  return pid as number;
}

const holder = (fields: { pid: number; host?: string; startedAt?: string; token?: string }) =>
  `${JSON.stringify({ host: hostname(), startedAt: '2026-11-01T00:00:00.000Z', token: 'theirs', ...fields })}\n`;

describe('lockFile', () => {
  it('refuses a second holder, naming the first one’s pid and start time; free again once released', () => {
    const file = receipts();
    const first = lockFile(file);
    expect(() => lockFile(file)).toThrow(
      new RegExp(`in use by another mediajobs run \\(pid ${process.pid} on .*, started \\d{4}-\\d\\d-\\d\\dT`),
    );
    first.release();
    expect(existsSync(`${file}.lock`)).toBe(false);
    lockFile(file).release();
  });

  it('refuses while a live process on this host holds it', () => {
    const file = receipts();
    // The parent of this test process is alive for as long as the test runs.
    writeFileSync(`${file}.lock`, holder({ pid: process.ppid }));
    expect(() => lockFile(file)).toThrow(`pid ${process.ppid}`);
  });

  it('takes over a lock left by a dead process, and a lock naming its own pid with another token', () => {
    for (const pid of [deadPid(), process.pid]) {
      const file = receipts();
      writeFileSync(`${file}.lock`, holder({ pid }));
      const lock = lockFile(file);
      expect(JSON.parse(readFileSync(`${file}.lock`, 'utf8')).pid).toBe(process.pid);
      lock.release();
    }
  });

  it('on another host: refused while the lock is touched, taken over once untouched for a minute', () => {
    const file = receipts();
    writeFileSync(`${file}.lock`, holder({ pid: 1, host: 'another-machine' }));
    expect(() => lockFile(file)).toThrow('another-machine');
    const old = new Date(Date.now() - 2 * 60_000);
    utimesSync(`${file}.lock`, old, old);
    lockFile(file).release();
  });

  it('a run whose lock was taken over does not remove the new holder’s lock on release', () => {
    const file = receipts();
    const first = lockFile(file);
    writeFileSync(`${file}.lock`, holder({ pid: process.ppid, token: 'new-holder' }));
    first.release();
    expect(JSON.parse(readFileSync(`${file}.lock`, 'utf8')).token).toBe('new-holder');
  });
});
