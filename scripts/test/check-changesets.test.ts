import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { changedPackages, isReleaseRelevant, namedInChangesets } from '../check-changesets.mjs';

describe('check-changesets', () => {
  it('maps changed files to packages: their own sources, and the specs they are generated from', () => {
    const files = ['packages/core/src/retry.ts', 'specs/tavus.yaml', 'specs/tensorslab-images.yaml', 'scripts/demo.sh'];
    expect([...changedPackages(files, 'packages')].sort()).toEqual([
      '@mediajobs/core',
      '@mediajobs/tavus',
      '@mediajobs/tensorslab',
      '@mediajobs/testing', // its mocks are built from the specs it ships
    ]);
  });

  it('leaves out private packages: they are never published', () => {
    const dir = mkdtempSync(join(tmpdir(), 'packages-'));
    for (const [name, manifest] of Object.entries({
      kit: { name: '@example/kit', private: true },
      core: { name: '@example/core' },
    })) {
      mkdirSync(join(dir, name));
      writeFileSync(join(dir, name, 'package.json'), JSON.stringify(manifest));
    }
    expect(changedPackages(['packages/kit/src/server.ts', 'packages/core/src/fetch.ts'], dir)).toEqual(
      new Set(['@example/core']),
    );
  });

  it('excepts docs and tests', () => {
    expect(isReleaseRelevant('packages/tavus/README.md')).toBe(false);
    expect(isReleaseRelevant('packages/tavus/test/contract.test.ts')).toBe(false);
    expect(isReleaseRelevant('packages/tavus/src/client.ts')).toBe(true);
    expect(changedPackages(['packages/tavus/README.md', 'specs/README.md'], 'packages').size).toBe(0);
  });

  it('reads the package names out of pending changesets', () => {
    const dir = mkdtempSync(join(tmpdir(), 'changesets-'));
    writeFileSync(join(dir, 'README.md'), '# not a changeset\n');
    writeFileSync(join(dir, 'a.md'), '---\n"@mediajobs/tavus": major\nmediajobs: patch\n---\n\nText: not a name\n');
    expect([...namedInChangesets(dir)].sort()).toEqual(['@mediajobs/tavus', 'mediajobs']);
  });
});
