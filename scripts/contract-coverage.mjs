#!/usr/bin/env node
// Contract coverage: the (operation, status) matrix derived from specs/, plus a missing-auth and an
// invalid-request case per operation, against what the contract tests really exercised (the records
// test-support/contract.ts writes to .contract/). Exits non-zero below 100%.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
export const CASES = ['missing-auth', 'invalid-request'];

/** Every row the tests must cover, from the specs. */
export function requiredRows(specsDir) {
  const rows = [];
  for (const file of readdirSync(specsDir)
    .filter((name) => name.endsWith('.yaml') && name !== 'sources.yaml')
    .sort()) {
    const api = basename(file, '.yaml');
    const doc = parse(readFileSync(join(specsDir, file), 'utf8'));
    for (const [path, item] of Object.entries(doc.paths ?? {})) {
      for (const method of HTTP_METHODS) {
        const operation = item[method];
        if (!operation) continue;
        const label = `${method.toUpperCase()} ${path}`;
        for (const status of Object.keys(operation.responses ?? {})) {
          rows.push({ api, operationId: operation.operationId, label, check: status });
        }
        for (const check of CASES) {
          // An operation that takes nothing (no parameter, no body) has no invalid request to send.
          if (check === 'invalid-request' && !takesInput(item, operation)) continue;
          rows.push({ api, operationId: operation.operationId, label, check });
        }
      }
    }
  }
  return rows;
}

/** Whether an operation takes any input a request could get wrong: a parameter (its own or its path's) or a body. */
function takesInput(pathItem, operation) {
  return (operation.parameters ?? []).length + (pathItem.parameters ?? []).length > 0 || Boolean(operation.requestBody);
}

export function readRecords(recordsDir) {
  if (!existsSync(recordsDir)) return [];
  return readdirSync(recordsDir)
    .filter((name) => name.endsWith('.jsonl'))
    .flatMap((name) =>
      readFileSync(join(recordsDir, name), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line)),
    );
}

export function isCovered(row, records) {
  return records.some(
    (r) =>
      r.api === row.api &&
      r.operationId === row.operationId &&
      (CASES.includes(row.check) ? r.case === row.check : r.case === 'status' && String(r.status) === row.check),
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const rows = requiredRows(join(root, 'specs'));
  const records = readRecords(join(root, '.contract'));
  const width = Math.max(...rows.map((row) => `${row.api} ${row.operationId}`.length));
  let covered = 0;
  for (const row of rows) {
    const ok = isCovered(row, records);
    if (ok) covered += 1;
    console.log(
      `${ok ? 'covered ' : 'MISSING '} ${`${row.api} ${row.operationId}`.padEnd(width)}  ${row.check.padEnd(15)} ${row.label}`,
    );
  }
  if (records.length === 0)
    console.log('no records in .contract/: run the contract tests first (pnpm exec vitest run)');
  console.log(`contract coverage: ${covered}/${rows.length}`);
  if (covered < rows.length) process.exit(1);
}
