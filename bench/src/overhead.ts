// Per-call overhead: the facade's jobs.delete against raw fetch, a plain openapi-fetch client and the
// openai package's videos.delete, on the same keep-alive server (another process), then the same
// with a stubbed fetch (no network) to isolate each client's own cost.

import type { BifrostPaths } from '@mediajobs/bifrost';
import { spawnFaultServer } from '@mediajobs/testing/internal';
import { createMediaJobs } from 'mediajobs';
import OpenAI from 'openai';
import createClient from 'openapi-fetch';
import { type Contender, interleaved } from './measure.js';

const KEY = 'sk-bench-key';
type Fetch = typeof fetch;

function contenders(baseUrl: string, fetchImpl: Fetch): Contender[] {
  const jobs = createMediaJobs({
    fetch: fetchImpl,
    bifrost: { apiKey: KEY, baseUrl },
    tavus: { apiKey: KEY, baseUrl },
  });
  const plain = createClient<BifrostPaths>({ baseUrl, fetch: fetchImpl, headers: { authorization: `Bearer ${KEY}` } });
  const openai = new OpenAI({ apiKey: KEY, baseURL: `${baseUrl}/v1`, fetch: fetchImpl, maxRetries: 0 });
  // What a careful hand-written call does: send, check the status, read the answer (and for Bifrost
  // check `deleted`, as the facade does).
  const rawDelete = async (path: string, json: boolean) => {
    const response = await fetchImpl(`${baseUrl}${path}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${KEY}` },
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    if (!json) return response.text();
    const body = (await response.json()) as { deleted?: boolean };
    if (body.deleted !== true) throw new Error('not deleted');
    return body;
  };
  return [
    { name: 'raw fetch (Bifrost)', call: (n) => rawDelete(`/v1/videos/vid_${n}`, true) },
    { name: 'raw fetch (Tavus)', call: (n) => rawDelete(`/v2/videos/vid_${n}`, false) },
    {
      name: 'openapi-fetch (Bifrost)',
      call: async (n) => {
        const { error } = await plain.DELETE('/v1/videos/{video_id}', { params: { path: { video_id: `vid_${n}` } } });
        if (error) throw new Error('failed');
      },
    },
    { name: 'mediajobs (Bifrost)', call: (n) => jobs.delete({ provider: 'bifrost', id: `vid_${n}` }) },
    { name: 'mediajobs (Tavus)', call: (n) => jobs.delete({ provider: 'tavus', id: `vid_${n}` }) },
    { name: 'openai videos.delete (Bifrost)', call: (n) => openai.videos.delete(`vid_${n}`) },
  ];
}

/** A fetch that answers at once from memory, like the server would. */
export const stubFetch: Fetch = async (input) => {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  const id = url.slice(url.lastIndexOf('/') + 1);
  if (url.includes('/v2/')) return new Response('', { status: 200, headers: { 'content-length': '0' } });
  const body = JSON.stringify({ id, object: 'video.deleted', deleted: true });
  return new Response(body, {
    status: 200,
    headers: { 'content-type': 'application/json', 'content-length': String(body.length) },
  });
};

export interface OverheadResult {
  network: Record<string, { opsPerSecond: number; vsRawFetch: number }>;
  stubbed: Record<string, { microsecondsPerCall: number }>;
  settings: { rounds: number; count: number; concurrency: number; stubbedCount: number };
}

export async function measureOverhead({ quick = false } = {}): Promise<OverheadResult> {
  const settings = {
    rounds: quick ? 3 : 7,
    count: quick ? 1000 : 4000,
    concurrency: 16,
    stubbedCount: quick ? 5000 : 20000,
  };
  const server = await spawnFaultServer();
  try {
    const network = await interleaved(contenders(server.url, fetch), settings);
    const stubbed = await interleaved(contenders('http://127.0.0.1:9', stubFetch), {
      ...settings,
      count: settings.stubbedCount,
    });
    const rawOf = (name: string) =>
      network.get(name.includes('Tavus') ? 'raw fetch (Tavus)' : 'raw fetch (Bifrost)') ?? NaN;
    return {
      settings,
      network: Object.fromEntries(
        [...network].map(([name, ops]) => [
          name,
          { opsPerSecond: Math.round(ops), vsRawFetch: round(ops / rawOf(name)) },
        ]),
      ),
      stubbed: Object.fromEntries([...stubbed].map(([name, ops]) => [name, { microsecondsPerCall: round(1e6 / ops) }])),
    };
  } finally {
    await server.stop();
  }
}

const round = (value: number) => Math.round(value * 100) / 100;
