import { PROVIDERS, type Provider } from '../packages/mediajobs/src/vendors.js';

// A fetch that answers from a script instead of the network, records every call, and tracks how
// many calls were in flight at once per host: for unit tests of what Prism cannot produce.
export interface ScriptedCall {
  method: string;
  url: URL;
  headers: Headers;
  body: string;
}

export type Script = (call: ScriptedCall, signal: AbortSignal | undefined) => Response | Promise<Response>;

export function scriptedFetch(script: Script) {
  const calls: ScriptedCall[] = [];
  const inFlight = new Map<string, number>();
  const maxInFlight = new Map<string, number>();
  const fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const call = {
      method: request.method,
      url: new URL(request.url),
      headers: new Headers(request.headers),
      body: request.body ? await request.text() : '',
    };
    calls.push(call);
    const host = call.url.host;
    inFlight.set(host, (inFlight.get(host) ?? 0) + 1);
    maxInFlight.set(host, Math.max(maxInFlight.get(host) ?? 0, inFlight.get(host) ?? 0));
    try {
      init?.signal?.throwIfAborted();
      return await script(call, init?.signal ?? undefined);
    } finally {
      inFlight.set(host, (inFlight.get(host) ?? 1) - 1);
    }
  };
  return { fetch, calls, maxInFlight };
}

export const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

export const text = (status: number, body: string, contentType = 'text/plain') =>
  new Response(body, { status, headers: { 'content-type': contentType } });

/** Never answers; rejects when the signal fires, as fetch does. */
export const hang = (signal: AbortSignal | undefined) =>
  new Promise<Response>((_, reject) => {
    signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
  });

/** Base URLs that mark each vendor in scripted tests (never contacted: the fetch is scripted). */
export const BASE = Object.fromEntries(PROVIDERS.map((provider) => [provider, `https://${provider}.test`])) as Readonly<
  Record<Provider, string>
>;
