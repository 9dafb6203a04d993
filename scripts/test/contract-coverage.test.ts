import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { isCovered, requiredRows } from '../contract-coverage.mjs';

describe('contract coverage matrix', () => {
  const rows = requiredRows('specs');

  it('has a row for every documented status, and a missing-auth and invalid-request row per operation', () => {
    const tavusDelete = rows
      .filter((row) => row.api === 'tavus' && row.operationId === 'deleteVideo')
      .map((row) => row.check);
    expect(tavusDelete).toEqual(['200', '400', '401', 'missing-auth', 'invalid-request']);
    // Every operation of every spec has its rows (counted from the YAML here, not by requiredRows).
    const operations = new Set(rows.map((row) => `${row.api} ${row.operationId}`));
    const documented = readdirSync('specs')
      .filter((file) => file.endsWith('.yaml') && file !== 'sources.yaml')
      .flatMap((file) => {
        const paths = (parse(readFileSync(`specs/${file}`, 'utf8')) as { paths: Record<string, object> }).paths;
        return Object.values(paths).flatMap((item) =>
          Object.entries(item)
            .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
            .map(
              ([, operation]) => `${file.replace(/\.yaml$/, '')} ${(operation as { operationId: string }).operationId}`,
            ),
        );
      });
    expect(documented.length).toBeGreaterThanOrEqual(21);
    expect([...operations].sort()).toEqual(documented.sort());
  });

  it('counts a row covered only by a matching record', () => {
    const row = { api: 'tavus', operationId: 'deleteVideo', label: '', check: '400' };
    expect(isCovered(row, [])).toBe(false);
    expect(isCovered(row, [{ api: 'tavus', operationId: 'deleteVideo', status: 401, case: 'status' }])).toBe(false);
    expect(isCovered(row, [{ api: 'tavus', operationId: 'getVideo', status: 400, case: 'status' }])).toBe(false);
    expect(isCovered(row, [{ api: 'tavus', operationId: 'deleteVideo', status: 400, case: 'invalid-request' }])).toBe(
      false,
    );
    expect(isCovered(row, [{ api: 'tavus', operationId: 'deleteVideo', status: 400, case: 'status' }])).toBe(true);
    const auth = { ...row, check: 'missing-auth' };
    expect(isCovered(auth, [{ api: 'tavus', operationId: 'deleteVideo', status: 401, case: 'status' }])).toBe(false);
    expect(isCovered(auth, [{ api: 'tavus', operationId: 'deleteVideo', status: 401, case: 'missing-auth' }])).toBe(
      true,
    );
  });

  it('asks no invalid-request row of an operation that takes no parameter and no body', () => {
    const dir = mkdtempSync(join(tmpdir(), 'coverage-'));
    const spec = {
      openapi: '3.1.0',
      paths: {
        '/all': { get: { operationId: 'listAll', responses: { 200: {} } } },
        '/one/{id}': {
          parameters: [{ name: 'id', in: 'path', required: true }],
          get: { operationId: 'getOne', responses: { 200: {} } },
        },
      },
    };
    writeFileSync(join(dir, 'x.yaml'), JSON.stringify(spec));
    const checks = (id: string) =>
      requiredRows(dir)
        .filter((row) => row.operationId === id)
        .map((row) => row.check);
    expect(checks('listAll')).toEqual(['200', 'missing-auth']);
    expect(checks('getOne')).toEqual(['200', 'missing-auth', 'invalid-request']);
  });
});
