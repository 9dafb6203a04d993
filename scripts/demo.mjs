#!/usr/bin/env node
// The README's main job against the embedded default: start Prism mocks built from specs/ and
// delete one job on each of the five APIs through the built vendor packages, one line per API.
// No keys are needed: the mocks check only that a key is present, so a placeholder is sent.
import { mkdirSync } from 'node:fs';
import { createA2eClient } from '@mediajobs/a2e';
import { createBifrostClient } from '@mediajobs/bifrost';
import { createTavusClient } from '@mediajobs/tavus';
import { createTensorsLabImagesClient, createTensorsLabVideoClient } from '@mediajobs/tensorslab';
import { startPrism } from './lib/prism.mjs';

const apiKey = 'mock-key-not-secret';
const jobs = [
  {
    api: 'tensorslab-video',
    what: 'video task abcd_1234567890abcdef',
    run: async (baseUrl) => {
      const client = createTensorsLabVideoClient({ baseUrl, apiKey });
      const { data, error, response } = await client.POST('/v1/video/deletevideotask', {
        body: { taskids: ['abcd_1234567890abcdef'] },
      });
      const ok = data?.code === 1000 && data.data.status === 'Success';
      return { ok, detail: `HTTP ${response.status}, code ${data?.code ?? error?.code}: ${data?.msg ?? error?.msg}` };
    },
  },
  {
    api: 'tensorslab-images',
    what: 'image task abcd_1234567890abcdef',
    run: async (baseUrl) => {
      const client = createTensorsLabImagesClient({ baseUrl, apiKey });
      const { data, error, response } = await client.POST('/v1/images/deleteimagestask', {
        body: { taskids: ['abcd_1234567890abcdef'] },
      });
      const ok = data?.code === 1000 && data.data.status === 'Success';
      return { ok, detail: `HTTP ${response.status}, code ${data?.code ?? error?.code}: ${data?.msg ?? error?.msg}` };
    },
  },
  {
    api: 'tavus',
    what: 'video 8a4f94e736',
    run: async (baseUrl) => {
      const { response } = await createTavusClient({ baseUrl, apiKey }).DELETE('/v2/videos/{video_id}', {
        params: { path: { video_id: '8a4f94e736' } },
      });
      return { ok: response.ok, detail: `HTTP ${response.status}` };
    },
  },
  {
    api: 'bifrost',
    what: 'video video_abc123:openai',
    run: async (baseUrl) => {
      const { data, response } = await createBifrostClient({ baseUrl, apiKey }).DELETE('/v1/videos/{video_id}', {
        params: { path: { video_id: 'video_abc123:openai' } },
      });
      return {
        ok: data?.deleted === true,
        detail: `HTTP ${response.status}, ${data?.object} deleted=${data?.deleted}`,
      };
    },
  },
  {
    api: 'a2e',
    what: 'video 668d0108b3cb5f841f30f8f4',
    run: async (baseUrl) => {
      const { data, response } = await createA2eClient({ baseUrl, apiKey }).DELETE('/api/v1/video/{_id}', {
        params: { path: { _id: '668d0108b3cb5f841f30f8f4' } },
      });
      const body = typeof data === 'string' ? JSON.parse(data) : data;
      return {
        ok: body?.code === 0,
        detail: `HTTP ${response.status} (${response.headers.get('content-type')}), code ${body?.code}`,
      };
    },
  },
];

mkdirSync('.prism-logs', { recursive: true });
console.log('Starting Prism mocks from specs/ on 127.0.0.1 ...');
const servers = await Promise.all(
  jobs.map(({ api }) => startPrism(`specs/${api}.yaml`, `.prism-logs/demo-${api}.log`)),
);
let failures = 0;
try {
  for (const [i, job] of jobs.entries()) {
    try {
      const { ok, detail } = await job.run(servers[i].url);
      if (!ok) failures += 1;
      console.log(`${ok ? 'deleted' : 'FAILED '}  ${job.api.padEnd(17)} ${job.what.padEnd(36)} ${detail}`);
    } catch (error) {
      failures += 1;
      console.log(`FAILED   ${job.api.padEnd(17)} ${job.what.padEnd(36)} ${error.name}: ${error.message}`);
    }
  }
} finally {
  await Promise.all(servers.map((server) => server.stop()));
}
console.log(failures === 0 ? 'All five APIs answered as documented.' : `${failures} API(s) failed; see .prism-logs/`);
process.exit(failures === 0 ? 0 : 1);
