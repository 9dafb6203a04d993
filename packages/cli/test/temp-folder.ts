// A fresh folder for one test, removed when that test ends: registered with onTestFinished from inside the test,
// since Stryker runs the test files without isolation, where an afterEach at a helper's import runs in one file only.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';

/** A new folder under the system's temporary one, named from `prefix`; removed with its files when the test ends. */
export function tempFolder(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
