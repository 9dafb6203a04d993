// The lock that keeps two runs off one receipts file: refused while its holder lives, taken over when
// it is dead, and never removed by a run that no longer holds it.
import { spawnSync } from 'node:child_process';
import fs, {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { lockFile } from '../src/lock.js';
import { UsageError } from '../src/usage-error.js';
import { fsError, withFs } from './fs-faults.js';
import { tempFolder } from './temp-folder.js';

/** A receipts file in a fresh folder, removed when the test ends. */
function receipts(): string {
  const dir = tempFolder('lock-');
  return join(dir, 'receipts.jsonl');
}

/** The pid of a process that has ended. */
function deadPid(): number {
  const { pid } = spawnSync(process.execPath, ['-e', '0']);
  return pid as number;
}

const holder = (fields: { pid: number; host?: string; startedAt?: string; token?: string }) =>
  `${JSON.stringify({ host: hostname(), startedAt: '2026-11-01T00:00:00.000Z', token: 'theirs', ...fields })}\n`;

/** What `take` throws (`toThrow` alone would also pass on a bare `throw undefined`). */
function thrownBy(take: () => unknown): unknown {
  try {
    take();
  } catch (error) {
    return error;
  }
  throw new Error('expected lockFile to throw');
}

/** The refusal `take` throws: a UsageError (exit 2), whose message is returned. */
function refusal(take: () => unknown): string {
  const error = thrownBy(take);
  expect(error).toBeInstanceOf(UsageError);
  return (error as UsageError).message;
}

const { renameSync: realRename } = fs;

describe('lockFile', () => {
  it('refuses a second holder, naming the first one’s pid and start time; free again once released', () => {
    const file = receipts();
    const first = lockFile(file);
    expect(refusal(() => lockFile(file))).toMatch(
      new RegExp(`in use by another mediajobs run \\(pid ${process.pid} on .*, started \\d{4}-\\d\\d-\\d\\dT`),
    );
    first.release();
    expect(existsSync(`${file}.lock`)).toBe(false);
    lockFile(file).release();
  });

  it('tells the refused user how to go on: wait, use other --receipts, or delete the lock of a run that is gone', () => {
    const file = receipts();
    const first = lockFile(file);
    expect(refusal(() => lockFile(file))).toContain(
      `wait for it to end, or use other --receipts. If that run is gone, delete ${file}.lock`,
    );
    first.release();
  });

  it('refuses while a live process on this host holds it', () => {
    const file = receipts();
    // The parent of this test process is alive for as long as the test runs.
    writeFileSync(`${file}.lock`, holder({ pid: process.ppid }));
    expect(refusal(() => lockFile(file))).toContain(`pid ${process.ppid}`);
  });

  it('refuses while a process of another user holds it (alive, though this run may not signal it)', () => {
    const file = receipts();
    const theirs = deadPid();
    writeFileSync(`${file}.lock`, holder({ pid: theirs }));
    const kill = vi.spyOn(process, 'kill').mockImplementation(() => {
      throw fsError('EPERM');
    });
    try {
      expect(refusal(() => lockFile(file))).toContain(`pid ${theirs}`);
    } finally {
      kill.mockRestore();
    }
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

  it('takes over a lock file without the pid or the token a run writes, even a freshly touched one from another host', () => {
    for (const notARun of [{ token: 'theirs' }, { pid: 1 }]) {
      const file = receipts();
      writeFileSync(`${file}.lock`, JSON.stringify({ host: 'another-machine', ...notARun }));
      const lock = lockFile(file);
      expect(JSON.parse(readFileSync(`${file}.lock`, 'utf8')).pid).toBe(process.pid);
      lock.release();
    }
  });

  it('on another host: refused while the lock is touched, taken over once untouched for a minute', () => {
    const file = receipts();
    writeFileSync(`${file}.lock`, holder({ pid: 1, host: 'another-machine' }));
    expect(refusal(() => lockFile(file))).toContain('another-machine');
    const old = new Date(Date.now() - 2 * 60_000);
    utimesSync(`${file}.lock`, old, old);
    lockFile(file).release();
  });

  it('on another host: a lock untouched for 59 seconds is still refused, for a full minute taken over', () => {
    const now = new Date('2026-11-01T12:00:00.000Z');
    vi.useFakeTimers({ toFake: ['Date'], now });
    try {
      const file = receipts();
      writeFileSync(`${file}.lock`, holder({ pid: 1, host: 'another-machine' }));
      const touchedAgo = (ms: number) => {
        const then = new Date(now.getTime() - ms);
        utimesSync(`${file}.lock`, then, then);
      };
      touchedAgo(59_000);
      expect(refusal(() => lockFile(file))).toContain('another-machine');
      touchedAgo(60_000);
      lockFile(file).release();
    } finally {
      vi.useRealTimers();
    }
  });

  it('keeps its lock touched every 10 seconds while it runs, so that runs elsewhere do not take it as stale', () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'], now: new Date('2026-11-01T12:00:00.000Z') });
    try {
      const file = receipts();
      const lock = lockFile(file);
      const longAgo = new Date('2026-11-01T11:00:00.000Z');
      utimesSync(lock.path, longAgo, longAgo);
      vi.advanceTimersByTime(10_000);
      expect(statSync(lock.path).mtimeMs).toBe(Date.now());
      lock.release();
    } finally {
      vi.useRealTimers();
    }
  });

  it('a run whose lock was taken over does not remove the new holder’s lock on release', () => {
    const file = receipts();
    const first = lockFile(file);
    writeFileSync(`${file}.lock`, holder({ pid: process.ppid, token: 'new-holder' }));
    first.release();
    expect(JSON.parse(readFileSync(`${file}.lock`, 'utf8')).token).toBe('new-holder');
  });

  it('releases without an error when the lock file was deleted by hand meanwhile', () => {
    const file = receipts();
    const lock = lockFile(file);
    unlinkSync(lock.path);
    expect(() => lock.release()).not.toThrow();
    expect(existsSync(lock.path)).toBe(false);
  });

  it('leaves nothing beside the receipts but the lock it holds: no draft, whether it takes the lock or is refused', () => {
    const file = receipts();
    const lock = lockFile(file);
    refusal(() => lockFile(file));
    expect(readdirSync(dirname(file))).toEqual([basename(lock.path)]);
    lock.release();
    expect(readdirSync(dirname(file))).toEqual([]);
  });

  it('reports a folder in the lock’s place as the filesystem’s error, not as runs competing for the lock', () => {
    const file = receipts();
    mkdirSync(`${file}.lock`);
    expect(thrownBy(() => lockFile(file))).toMatchObject({ code: 'EISDIR' });
    expect(readdirSync(dirname(file))).toEqual([basename(`${file}.lock`)]);
  });

  it('on a filesystem without hard links, reports its error rather than waiting for other runs', () => {
    const file = receipts();
    withFs(
      {
        linkSync: () => {
          throw fsError('EPERM');
        },
      },
      () => {
        expect(thrownBy(() => lockFile(file))).toMatchObject({ code: 'EPERM' });
      },
    );
    expect(readdirSync(dirname(file))).toEqual([]);
  });

  it('gives up with a "try again" after a few tries when other runs keep taking and releasing the lock', () => {
    const file = receipts();
    let tries = 0;
    // Each try finds the lock taken, and gone again by the time it is read.
    const takenEachTime = () => {
      tries += 1;
      if (tries > 50) throw new Error('still trying after 50 tries');
      throw fsError('EEXIST');
    };
    withFs({ linkSync: takenEachTime }, () => {
      expect(refusal(() => lockFile(file))).toBe(
        `could not take the lock ${file}.lock: other runs keep taking it; try again`,
      );
    });
    expect(readdirSync(dirname(file))).toEqual([]);
  });

  describe('two runs taking over one dead lock at once', () => {
    it('refuses this run when the other has already replaced the dead lock with its own, and keeps the other’s', () => {
      const file = receipts();
      writeFileSync(`${file}.lock`, holder({ pid: deadPid() }));
      let raced = false;
      // Just before this run moves the dead lock aside, the other run does the same and takes the lock.
      const otherRunFirst: typeof fs.renameSync = (from, to) => {
        if (!raced) {
          raced = true;
          realRename(`${file}.lock`, `${file}.lock.other-aside`);
          unlinkSync(`${file}.lock.other-aside`);
          writeFileSync(`${file}.lock`, holder({ pid: process.ppid, token: 'other-run' }));
        }
        realRename(from, to);
      };
      withFs({ renameSync: otherRunFirst }, () => {
        expect(refusal(() => lockFile(file))).toContain(`pid ${process.ppid}`);
      });
      expect(JSON.parse(readFileSync(`${file}.lock`, 'utf8')).token).toBe('other-run');
      expect(readdirSync(dirname(file))).toEqual([basename(`${file}.lock`)]);
    });

    it('takes the lock when the other has moved the dead lock aside but not yet taken it', () => {
      const file = receipts();
      writeFileSync(`${file}.lock`, holder({ pid: deadPid() }));
      let raced = false;
      const otherRunMovesItFirst: typeof fs.renameSync = (from, to) => {
        if (!raced) {
          raced = true;
          realRename(`${file}.lock`, `${file}.lock.other-aside`);
        }
        realRename(from, to);
      };
      withFs({ renameSync: otherRunMovesItFirst }, () => {
        const lock = lockFile(file);
        expect(JSON.parse(readFileSync(lock.path, 'utf8')).pid).toBe(process.pid);
        lock.release();
      });
    });
  });

  it('reports the filesystem’s error when a dead run’s lock cannot be moved aside (another user’s, in a shared folder)', () => {
    const file = receipts();
    writeFileSync(`${file}.lock`, holder({ pid: deadPid() }));
    withFs(
      {
        renameSync: () => {
          throw fsError('EPERM');
        },
      },
      () => {
        expect(thrownBy(() => lockFile(file))).toMatchObject({ code: 'EPERM' });
      },
    );
  });
});
