// Filesystem faults no real device stages (a race with another run between two steps, a short write, a
// refusal): node:fs's functions replaced for one body, as the CLI's modules see them too (their named
// imports of a builtin follow it once synced), then put back.
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';

type Replaceable = Pick<typeof fs, 'linkSync' | 'renameSync' | 'writeSync'>;

/** An error as node:fs throws it, with its `code`. */
export const fsError = (code: string) => Object.assign(new Error(`${code}: staged by the test`), { code });

/** Runs `body` with the given node:fs functions replaced, then restores the originals. */
export function withFs(replaced: Partial<Replaceable>, body: () => void): void {
  const originals = Object.fromEntries(Object.keys(replaced).map((name) => [name, fs[name as keyof Replaceable]]));
  Object.assign(fs, replaced);
  syncBuiltinESMExports();
  try {
    body();
  } finally {
    Object.assign(fs, originals);
    syncBuiltinESMExports();
  }
}
