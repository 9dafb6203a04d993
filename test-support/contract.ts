// Contract-test helpers: a fetch that records which (operation, status) a test exercised and fails
// any call that Prism flags, unless the test is about a bad request on purpose.
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { parse } from 'yaml';
import { APIS, type ApiName, CONTRACT_RECORDS_DIR, prismLogFile, specFile, tensorsLabSpecFor } from './apis.js';

export type ContractCase = 'status' | 'missing-auth' | 'invalid-request';

export interface ContractRecord {
  api: ApiName;
  operationId: string;
  status: number | null;
  case: ContractCase;
}

export interface RecordedCall {
  method: string;
  url: URL;
  headers: Headers;
  body: string | undefined;
  response: Response;
  operationId: string;
  violation: string | undefined;
}

interface Operation {
  method: string;
  pattern: RegExp;
  operationId: string;
}

const PRISM_ERROR_TYPE = 'https://stoplight.io/prism/errors#';
const CREDENTIAL_HEADERS = ['authorization', 'x-api-key', 'x-bf-vk'];
const operationsCache = new Map<ApiName, Operation[]>();

export function prismUrl(api: ApiName): string {
  const url = inject('prismUrls')[api];
  if (url === undefined) throw new Error(`no Prism mock serves ${api}`);
  return url;
}

/** The operations of a spec, with a pattern that matches their concrete paths. */
function operationsOf(api: ApiName): Operation[] {
  let operations = operationsCache.get(api);
  if (!operations) {
    const doc = parse(readFileSync(specFile(api), 'utf8')) as {
      paths: Record<string, Record<string, { operationId?: string }>>;
    };
    operations = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([, op]) => typeof op === 'object' && op !== null && 'operationId' in op)
        .map(([method, op]) => ({
          method: method.toUpperCase(),
          pattern: new RegExp(`^${path.replace(/\{[^}]+\}/g, '[^/]+')}$`),
          operationId: String(op.operationId),
        })),
    );
    operationsCache.set(api, operations);
  }
  return operations;
}

export function record(entry: ContractRecord): void {
  appendFileSync(join(CONTRACT_RECORDS_DIR, `records-${process.pid}.jsonl`), `${JSON.stringify(entry)}\n`);
}

export interface ContractFetchOptions {
  /** The test sends a bad request on purpose; Prism's violation report is the expected answer. */
  expect?: 'success' | 'invalid-request' | 'missing-auth';
  /** Drop the credential headers on the way out, as a proxy that loses them would. */
  dropCredentials?: boolean;
  /** A Prism `Prefer` header for every call, e.g. `code=404` or `example=failed`. */
  prefer?: string;
}

/**
 * A fetch for vendor clients under contract test. It forwards to Prism, records what was exercised,
 * and throws (failing the test) when Prism reports a violation on a call meant to be valid.
 */
export function contractFetch(api: ApiName, options: ContractFetchOptions = {}) {
  const expectation = options.expect ?? 'success';
  const calls: RecordedCall[] = [];
  const fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const headers = new Headers(request.headers);
    if (options.dropCredentials) for (const name of CREDENTIAL_HEADERS) headers.delete(name);
    if (options.prefer) headers.set('prefer', options.prefer);
    const body = request.body === null ? undefined : await request.text();
    const url = new URL(request.url);
    const response = await globalThis.fetch(url, { method: request.method, headers, body, redirect: 'manual' });
    const operation = operationsOf(api).find((op) => op.method === request.method && op.pattern.test(url.pathname));
    const operationId = operation?.operationId ?? `(no operation for ${request.method} ${url.pathname})`;
    const violation = await violationIn(response);
    calls.push({ method: request.method, url, headers, body, response, operationId, violation });
    const credentialsSent = CREDENTIAL_HEADERS.some((name) => headers.has(name));
    const contractCase: ContractCase =
      expectation === 'missing-auth' && !credentialsSent && response.status === 401
        ? 'missing-auth'
        : expectation === 'invalid-request' && [400, 415, 422].includes(response.status) && !headers.has('prefer')
          ? 'invalid-request'
          : 'status';
    if (expectation === 'success' && violation) {
      throw new Error(
        `Prism reported a contract violation for ${request.method} ${url.pathname} (${response.status}): ${violation}; see ${prismLogFile(api)}`,
      );
    }
    if (operation && (contractCase !== 'status' || !violation)) {
      record({ api, operationId, status: response.status, case: contractCase });
    }
    return response;
  };
  return { fetch, calls };
}

/** Records an invalid request that the client refused before sending anything. */
export function recordRefusedBeforeSending(api: ApiName, operationId: string): void {
  if (!operationsOf(api).some((op) => op.operationId === operationId)) {
    throw new Error(`${api} has no operation ${operationId}`);
  }
  record({ api, operationId, status: null, case: 'invalid-request' });
}

async function violationIn(response: Response): Promise<string | undefined> {
  const header = response.headers.get('sl-violations');
  if (header) return header;
  if (!response.headers.get('content-type')?.includes('application/problem+json')) return undefined;
  const problem = (await response.clone().json()) as { type?: string; title?: string; detail?: string };
  return problem.type?.startsWith(PRISM_ERROR_TYPE)
    ? `${problem.type}: ${problem.title} ${problem.detail ?? ''}`
    : undefined;
}

/**
 * One fetch for a client that talks to every API (the mediajobs facade): each request goes to the
 * contract fetch of the spec it belongs to, by origin (TensorsLab's one mock serves two specs, which
 * its paths tell apart).
 */
export function contractFetchForAll(options: ContractFetchOptions = {}) {
  const byApi = new Map(APIS.map((api) => [api, contractFetch(api, options)]));
  const apiByOrigin = new Map(APIS.map((api) => [new URL(prismUrl(api)).origin, api]));
  const fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : input);
    let api = apiByOrigin.get(url.origin);
    if (api?.startsWith('tensorslab')) api = tensorsLabSpecFor(url.pathname);
    const target = api ? byApi.get(api) : undefined;
    if (!api || !target) throw new Error(`no Prism mock serves ${url.origin}`);
    const routed = new URL(url.pathname + url.search, prismUrl(api));
    return target.fetch(routed, input instanceof Request ? new Request(routed, input) : init);
  };
  const calls = () => [...byApi.values()].flatMap((entry) => entry.calls);
  return { fetch, calls };
}

/** The fetch a contract test hands to a client. */
export type ContractFetch = ReturnType<typeof contractFetch>['fetch'];

/** One call per operation of a spec, keyed by operationId. */
export type OperationCalls<Client> = Record<string, (client: Client) => Promise<{ response: Response }>>;

/**
 * The missing-auth case of every operation: with the credentials dropped on the way (as a proxy that
 * loses them would), the mock answers 401 and the client hands that answer back. The table must name
 * each operation of the spec, and each entry must call the operation it is named for.
 */
export function describeMissingAuth<Client>(
  api: ApiName,
  create: (fetch: ContractFetch) => Client,
  calls: OperationCalls<Client>,
): void {
  describe(`${api}: missing auth`, () => {
    it('covers every operation of the spec', () => {
      expect(Object.keys(calls).sort()).toEqual(
        operationsOf(api)
          .map((op) => op.operationId)
          .sort(),
      );
    });

    it.each(Object.entries(calls))(
      '%s: the server answers 401 when the key does not arrive',
      async (operationId, call) => {
        const { fetch, calls: sent } = contractFetch(api, { expect: 'missing-auth', dropCredentials: true });
        const { response } = await call(create(fetch));
        expect(response.status).toBe(401);
        expect(sent.map((request) => request.operationId)).toEqual([operationId]);
      },
    );
  });
}
