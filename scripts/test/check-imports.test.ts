import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkImports } from '../check-imports.mjs';

const script = fileURLToPath(new URL('../check-imports.mjs', import.meta.url));

/** A monorepo-shaped temp folder: packages/<pkg>/src/<file> for each entry. */
function repo(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'imports-'));
  for (const [path, text] of Object.entries(files)) {
    const full = join(root, 'packages', path);
    mkdirSync(join(full, '..'), { recursive: true });
    writeFileSync(full, text);
  }
  return root;
}

function run(root: string) {
  return spawnSync(process.execPath, [script, root], { encoding: 'utf8' });
}

describe('check-imports', () => {
  it('reports a two-file cycle, a type-only import included, with its path, and exits 1', () => {
    const root = repo({
      'a/src/x.ts': "import type { Y } from './y.js';\nexport const x = 1;\nexport type X = Y;\n",
      'a/src/y.ts': "import {\n  x,\n} from './x.js';\nexport type Y = typeof x;\n",
    });
    const { cycles } = checkImports(root);
    expect(cycles.map((cycle: string[]) => cycle.map((file: string) => file.slice(root.length + 1)))).toEqual([
      ['packages/a/src/x.ts', 'packages/a/src/y.ts', 'packages/a/src/x.ts'],
    ]);
    const result = run(root);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('import cycle: packages/a/src/x.ts -> packages/a/src/y.ts -> packages/a/src/x.ts');
  });

  it('follows export ... from, and finds a longer cycle through a folder index', () => {
    const root = repo({
      'a/src/index.ts': "export { x } from './x.js';\n",
      'a/src/x.ts': "export * from './lib/index.js';\nexport const x = 1;\n",
      'a/src/lib/index.ts': "import '../index.js';\n",
    });
    expect(checkImports(root).cycles).toHaveLength(1);
    expect(run(root).status).toBe(1);
  });

  it('is clean without a cycle, whatever comments and package imports say', () => {
    const root = repo({
      'a/src/x.ts': "import { y } from './y.js';\nimport { z } from '@scope/z';\nexport const x = y + z;\n",
      'a/src/y.ts': "/**\n * import { x } from './x.js';\n */\nexport const y = 1;\n",
      'b/src/x.ts': "import { y } from './y.js';\nexport const x = y;\n",
      'b/src/y.ts': 'export const y = 2;\n',
    });
    expect(checkImports(root)).toEqual({ files: 4, cycles: [] });
    const result = run(root);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('no import cycles among 4 source files');
  });

  it('finds none in this repository', () => {
    expect(checkImports(fileURLToPath(new URL('../..', import.meta.url))).cycles).toEqual([]);
  });
});
