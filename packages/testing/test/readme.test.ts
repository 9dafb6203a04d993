// The README's vitest example is the one in test/example/, which this suite runs: they cannot drift.
// It runs as its reader runs it, under vitest's defaults (a vitest of its own, with
// test/example/vitest.config.ts, which sets no testTimeout), not under this repository's 20 s limit,
// which once hid a "bad day" test of 5.1 s against vitest's default 5 s.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');
const codeBlocks = [...read('../README.md').matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]);

const exampleDir = fileURLToPath(new URL('example/', import.meta.url));
const vitest = join(dirname(fileURLToPath(import.meta.resolve('vitest/package.json'))), 'vitest.mjs');

interface JsonReport {
  testResults: { assertionResults: { title: string; status: string; duration: number }[] }[];
}

describe('README', () => {
  it.each(['example/delete-user-jobs.ts', 'example/delete-user-jobs.test.ts'])('shows %s as it is', (file) => {
    expect(codeBlocks).toContain(read(file));
  });

  it("the example passes under vitest's defaults (its 5 s test timeout)", async () => {
    const out = mkdtempSync(join(tmpdir(), 'mediajobs-readme-'));
    try {
      const report = join(out, 'report.json');
      const args = [vitest, 'run', '--config', 'vitest.config.ts', '--reporter=json', `--outputFile=${report}`];
      const failed = await new Promise<string | undefined>((resolve) =>
        execFile(process.execPath, args, { cwd: exampleDir }, (error, stdout, stderr) =>
          resolve(error ? `${error.message}\n${stdout}\n${stderr}` : undefined),
        ),
      );
      const results = (JSON.parse(readFileSync(report, 'utf8')) as JsonReport).testResults.flatMap(
        (file) => file.assertionResults,
      );
      const summary = results.map(({ title, status, duration }) => `${status} in ${Math.round(duration)} ms: ${title}`);
      console.log(`README example under vitest's defaults:\n  ${summary.join('\n  ')}`);
      expect(failed, summary.join('\n')).toBeUndefined();
      expect(results.map(({ title, status }) => [title, status])).toEqual([
        ['sends each vendor the requests its spec describes', 'passed'],
        ['on a bad day, reports deleted only what the vendor really deleted', 'passed'],
      ]);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 60_000);
});
