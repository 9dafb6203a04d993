// Two real HTTP servers on 127.0.0.1 (two ports, so two origins) that record every request, for
// tests of what a client sends where, redirects included.
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

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
  let handler: Handler = (_, response) => response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
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

/** Answers every request with a redirect to `location`. */
export const redirectTo =
  (location: string, status = 302): Handler =>
  (_, response) =>
    response.writeHead(status, { location }).end();
