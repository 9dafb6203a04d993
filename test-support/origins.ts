// Two real HTTP servers on 127.0.0.1 (two ports, so two origins) that record every request, for
// tests of what a client sends where, redirects included.
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach } from 'vitest';

export interface SeenRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export type Handler = (request: SeenRequest, response: ServerResponse) => void;

export interface Origin {
  url: string;
  seen: SeenRequest[];
  handle(handler: Handler): void;
  close(): Promise<void>;
}

/** A loopback server answering with `handler` (by default: 200 `{}`), logging what it received. */
export async function startOrigin(): Promise<Origin> {
  const seen: SeenRequest[] = [];
  let handler: Handler = respondWith('{}');
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      const request = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body };
      seen.push(request);
      handler(request, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    handle: (next) => {
      handler = next;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Answers every request with 200 and this JSON body. */
const respondWith =
  (json: string): Handler =>
  (_, response) =>
    response.writeHead(200, { 'content-type': 'application/json' }).end(json);

/** Answers every request with a redirect to `location`. */
export const redirectTo =
  (location: string, status = 302): Handler =>
  (_, response) =>
    response.writeHead(status, { location }).end();

/**
 * Two origins for the tests of a describe block: `api` (the client's own) and `elsewhere`, started
 * before the block and closed after it. Each test starts with empty logs and default handlers.
 */
export function useTwoOrigins(): { api: Origin; elsewhere: Origin } {
  const origins = {} as { api: Origin; elsewhere: Origin };
  beforeAll(async () => {
    [origins.api, origins.elsewhere] = await Promise.all([startOrigin(), startOrigin()]);
  });
  afterAll(async () => {
    await Promise.all([origins.api.close(), origins.elsewhere.close()]);
  });
  beforeEach(() => {
    for (const origin of [origins.api, origins.elsewhere]) {
      origin.seen.length = 0;
      origin.handle(respondWith('{"id":"j1"}'));
    }
  });
  return origins;
}
