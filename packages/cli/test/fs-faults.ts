// Filesystem faults no real device stages (a race with another run between two steps, a short write, a
// refusal): node:fs's functions replaced for one body, as the CLI's modules see them too (their named
// imports of a builtin follow it once synced), then put back.
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';

type Replaceable = Pick<typeof fs, 'accessSync' | 'linkSync' | 'renameSync' | 'writeSync'>;

/** An error as node:fs throws it, with its `code`. */
export const fsError = (code: string) => Object.assign(new Error(`${code}: staged by the test`), { code });

/**
 * Runs `body` with the given node:fs functions replaced, then restores the originals: when it returns, or, for
 * a body that returns a promise, when that settles.
 */
export function withFs<T>(replaced: Partial<Replaceable>, body: () => T): T {
  const originals = Object.fromEntries(Object.keys(replaced).map((name) => [name, fs[name as keyof Replaceable]]));
  Object.assign(fs, replaced);
  syncBuiltinESMExports();
  const restore = () => {
    Object.assign(fs, originals);
    syncBuiltinESMExports();
  };
  let result: T;
  try {
    result = body();
  } catch (error) {
    restore();
    throw error;
  }
  if (result instanceof Promise) return result.finally(restore) as T;
  restore();
  return result;
}
