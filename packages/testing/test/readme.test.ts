// The README's vitest example is the one in test/example/, which this suite runs: they cannot drift.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');
const codeBlocks = [...read('../README.md').matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]);

describe('README', () => {
  it.each(['example/delete-user-jobs.ts', 'example/delete-user-jobs.test.ts'])('shows %s as it is', (file) => {
    expect(codeBlocks).toContain(read(file));
  });
});
