import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('../check-vendor-names.mjs', import.meta.url));

/** A repo with vendor packages alpha, beta, gamma (each has src/vendor.ts) and the given files. */
function repo(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'vendor-names-'));
  const all = {
    'packages/alpha/src/vendor.ts': '',
    'packages/beta/src/vendor.ts': '',
    'packages/gamma/src/vendor.ts': '',
    ...files,
  };
  for (const [path, text] of Object.entries(all)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const run = (root: string) => spawnSync(process.execPath, [script, root], { encoding: 'utf8' });

describe('check-vendor-names', () => {
  it('fails on a source file outside the vendor packages that names three vendors in code, and names it', () => {
    const result = run(repo({ 'packages/core/src/list.ts': "export const ALL = ['alpha', 'Beta', 'gamma'];\n" }));
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('packages/core/src/list.ts: alpha, beta, gamma');
  });

  it('counts test-support too', () => {
    const result = run(repo({ 'test-support/base.ts': 'export const base = { alpha: 1, beta: 2, gamma: 3 };\n' }));
    expect(result.status).toBe(1);
  });

  it('passes on comments, two names, the two registries, and the vendor packages themselves', () => {
    const result = run(
      repo({
        'packages/core/src/doc.ts':
          '// alpha, beta and gamma\n/** alpha beta gamma */\nexport const x = "alpha-beta";\n',
        'packages/mediajobs/src/vendors.ts': "export const vendors = ['alpha', 'beta', 'gamma'];\n",
        'packages/testing/src/fakes/index.ts': "export const fakes = ['alpha', 'beta', 'gamma'];\n",
        'packages/alpha/src/x.ts': "export const all = ['alpha', 'beta', 'gamma'];\n",
      }),
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('2 of 3 source files');
  });
});
