// One run per receipts file. Two runs sharing a receipts file (and a purge's snapshot beside it) would
// overwrite each other's listing and delete twice: the second run is refused at once, naming the first.
// The lock is a file beside the receipts, `<receipts>.lock`, holding the holder's pid, host and start
// time; a lock whose process has died (a crash, SIGKILL) is taken over. The holder touches the lock
// while it runs, so that a lock on a shared folder left by a run on another machine or container,
// whose pid cannot be checked from here, is known stale once it has not been touched for a minute.
import { randomUUID } from 'node:crypto';
import { linkSync, readFileSync, renameSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { UsageError } from './usage-error.js';

/** How often the holder touches its lock, and how long untouched makes a lock stale. */
const TOUCH_EVERY_MS = 10_000;
const STALE_AFTER_MS = 60_000;

/** The tokens of the locks this process holds. */
const heldHere = new Set<string>();

interface Holder {
  pid: number;
  host: string;
  startedAt: string;
  /** Tells two locks of one pid apart (a pid reused after a reboot or in another container). */
  token: string;
}

/** A lock this process holds; `release()` is safe to call more than once. */
export interface Lock {
  readonly path: string;
  release(): void;
}

/**
 * Takes the lock of `file` (a receipts file), or throws a UsageError (exit 2) naming the run that holds it.
 * The lock file is created whole (written beside it, then hard-linked into place, which fails if it
 * exists), so a reader never sees half of one.
 */
export function lockFile(file: string): Lock {
  const path = `${file}.lock`;
  const me: Holder = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString(), token: randomUUID() };
  const draft = `${path}.${me.token}`;
  writeFileSync(draft, `${JSON.stringify(me)}\n`);
  try {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      try {
        linkSync(draft, path);
        return held(path, me);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const text = readOrUndefined(path);
      if (text === undefined) continue; // released meanwhile: try again
      const holder = parse(text);
      if (holder && isAlive(holder, path)) throw lockedBy(file, path, holder);
      takeOver(path, text);
    }
    throw new UsageError(`could not take the lock ${path}: other runs keep taking it; try again`);
  } finally {
    unlinkQuietly(draft);
  }
}

function held(path: string, me: Holder): Lock {
  let released = false;
  heldHere.add(me.token);
  const touch = setInterval(() => {
    const now = new Date();
    try {
      utimesSync(path, now, now);
    } catch {
      // a full disk or a lost folder: the lock may look stale to others later, which is all that is lost
    }
  }, TOUCH_EVERY_MS);
  touch.unref();
  return {
    path,
    release() {
      if (released) return;
      released = true;
      heldHere.delete(me.token);
      clearInterval(touch);
      // Only our own lock is removed: were it taken over (we were thought dead), it is no longer ours.
      if (parse(readOrUndefined(path) ?? '')?.token === me.token) unlinkQuietly(path);
    },
  };
}

/**
 * Moves a dead holder's lock aside. A rename succeeds for one taker only; if what was moved is not the
 * dead lock that was read (another taker replaced it first), it is put back, and the loop looks again.
 */
function takeOver(path: string, deadText: string): void {
  const aside = `${path}.stale.${randomUUID()}`;
  try {
    renameSync(path, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  if (readOrUndefined(aside) !== deadText) {
    try {
      linkSync(aside, path);
    } catch {
      // a third run took the lock meanwhile; it is the holder now
    }
  }
  unlinkQuietly(aside);
}

function lockedBy(file: string, path: string, holder: Holder): UsageError {
  return new UsageError(
    `${file} is in use by another mediajobs run (pid ${holder.pid} on ${holder.host}, started ${holder.startedAt}); ` +
      `wait for it to end, or use other --receipts. If that run is gone, delete ${path}`,
  );
}

/**
 * A holder on this host is alive while its pid is (a lock with this very process's pid that it does
 * not hold is a dead run's, whose pid was reused: pid 1 in containers); on another host, while it keeps
 * touching the lock.
 */
function isAlive(holder: Holder, path: string): boolean {
  if (holder.host !== hostname()) return untouchedForMs(path) < STALE_AFTER_MS;
  if (holder.pid === process.pid) return heldHere.has(holder.token);
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function untouchedForMs(path: string): number {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

function parse(text: string): Holder | undefined {
  try {
    const value = JSON.parse(text) as Partial<Holder>;
    return typeof value.pid === 'number' && typeof value.token === 'string' ? (value as Holder) : undefined;
  } catch {
    return undefined;
  }
}

function readOrUndefined(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}
