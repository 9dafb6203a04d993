#!/usr/bin/env node
// Fails when source files import each other in a circle, type-only imports included.
//
// Reads every packages/*/src/**/*.ts file (or the .ts files under the folder given as the first argument),
// collects its relative `import ... from './x.js'`, `import type ...`, `import './x.js'` and `export ... from`
// statements, resolves './x.js' to './x.ts' (or './x/index.ts'), and prints every elementary cycle with its
// path. Exit 1 if there is one. No dependency: a regex over statements that start a line is enough here,
// since the sources are formatted by biome (one statement per line start, no imports inside strings).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const IMPORT = /^[ \t]*(?:import|export)\b(?:[^'";]*?\bfrom\b)?\s*['"](\.{1,2}\/[^'"]+)['"]/gm;

function tsFiles(dir, skip = new Set(['node_modules', 'dist'])) {
  const out = [];
  for (const entry of readdirSync(dir)) {
    if (skip.has(entry)) continue;
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) out.push(...tsFiles(full, skip));
    else if (entry.endsWith('.ts') && !entry.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

function resolveImport(from, spec) {
  const base = path.resolve(path.dirname(from), spec);
  const candidates = [base.replace(/\.(m|c)?js$/, '.$1ts'), base, `${base}.ts`, path.join(base, 'index.ts')];
  return candidates.find((c) => c.endsWith('.ts') && existsSync(c) && statSync(c).isFile());
}

/** Map of file -> sorted relative-import targets. */
export function importGraph(files) {
  const graph = new Map();
  for (const file of files) {
    const targets = new Set();
    for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const target = resolveImport(file, match[1]);
      if (target) targets.add(target);
    }
    graph.set(file, [...targets].sort());
  }
  return graph;
}

/** Every elementary cycle, each as [a, b, ..., a], starting at its smallest file. */
export function findCycles(graph, limit = 500) {
  const nodes = [...graph.keys()].sort();
  const order = new Map(nodes.map((n, i) => [n, i]));
  const cycles = [];
  for (const start of nodes) {
    const stack = [start];
    const onStack = new Set([start]);
    const walk = (node) => {
      for (const next of graph.get(node) ?? []) {
        if (cycles.length >= limit) return;
        if (next === start) cycles.push([...stack, start]);
        else if (order.get(next) > order.get(start) && !onStack.has(next)) {
          stack.push(next);
          onStack.add(next);
          walk(next);
          stack.pop();
          onStack.delete(next);
        }
      }
    };
    walk(start);
  }
  return cycles;
}

export function checkImports(root) {
  const files = [];
  const packages = path.join(root, 'packages');
  if (existsSync(packages)) {
    for (const pkg of readdirSync(packages)) {
      const src = path.join(packages, pkg, 'src');
      if (existsSync(src)) files.push(...tsFiles(src));
    }
  } else files.push(...tsFiles(root));
  return { files: files.length, cycles: findCycles(importGraph(files)) };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..'));
  const { files, cycles } = checkImports(root);
  for (const cycle of cycles) console.error(`import cycle: ${cycle.map((f) => path.relative(root, f)).join(' -> ')}`);
  if (cycles.length > 0) {
    console.error(`${cycles.length} import cycle(s) among ${files} source files`);
    process.exit(1);
  }
  console.log(`no import cycles among ${files} source files`);
}
