#!/usr/bin/env node
// Copies the vendor specs (specs/*.yaml, not the build config) into a package folder: this is how
// @mediajobs/testing ships the specs its Prism mocks are built from. Usage: node copy-specs.mjs <dir>
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const specsDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'specs');
const target = resolve(process.argv[2] ?? 'specs');
rmSync(target, { recursive: true, force: true });
mkdirSync(target, { recursive: true });
for (const file of readdirSync(specsDir).filter((name) => name.endsWith('.yaml') && name !== 'sources.yaml')) {
  copyFileSync(join(specsDir, file), join(target, file));
}
