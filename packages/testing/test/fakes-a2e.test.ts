// A2E's record kinds in its fake (issue 25): routes, pages, creation times and the not-found answers,
// through the fault server and through the mocks (Prism checks every answer against specs/a2e.yaml).
import { describe, expect, it } from 'vitest';
import { FAKES, routeOf } from '../src/fakes/index.js';
import { type SeededJob, startFaultServer, startMockVendors } from '../src/index.js';

const NOW = Date.UTC(2026, 0, 31);
const DAY_MS = 86_400_000;
const KEY = 'the-key';

async function call(base: string, method: string, path: string, body?: unknown, key = KEY) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, violations: response.headers.get('sl-violations'), body: JSON.parse(text) };
}

describe('the A2E fake', () => {
  it('routes every kind, literal paths before the {id} ones', () => {
    expect(FAKES.a2e.kinds).toEqual([
      'video',
      'avatar',
      'voice',
      'face-swap-image',
      'face-swap-task',
      'dubbing',
      'image-to-video',
      'caption-removal',
      'background',
    ]);
    expect(routeOf('GET', '/api/v1/userVideoTwin/records')).toMatchObject({ operation: 'list', kind: 'avatar' });
    expect(routeOf('GET', '/api/v1/userVideoTwin/abc')).toMatchObject({ operation: 'get', pathId: 'abc' });
    expect(routeOf('POST', '/api/v1/userVideoTwin/remove')).toMatchObject({ operation: 'delete', kind: 'avatar' });
    expect(routeOf('GET', '/api/v1/userVoice/completedRecord')).toMatchObject({ operation: 'list', kind: 'voice' });
    expect(routeOf('DELETE', '/api/v1/anchor/background/b1')).toMatchObject({ kind: 'background', pathId: 'b1' });
    expect(routeOf('GET', '/api/v1/anchor/background_list')).toBeUndefined();
  });

  it('fault server: pages from 1 with rows and count, newest first, creation times; removal by POST {_id}', async () => {
    const jobs: SeededJob[] = Array.from({ length: 5 }, (_, n) => ({
      provider: 'a2e',
      kind: 'avatar',
      id: `a${n}`,
      createdAtMs: NOW - n * DAY_MS,
    }));
    const server = await startFaultServer({ jobs });
    try {
      const page1 = await call(server.url, 'GET', '/api/v1/userVideoTwin/records?pageNum=1&pageSize=2');
      expect(page1.body.code).toBe(0);
      expect(page1.body.data.count).toBe(5);
      expect(page1.body.data.rows.map((row: { _id: string }) => row._id)).toEqual(['a0', 'a1']);
      expect(page1.body.data.rows[1].createdAt).toBe(new Date(NOW - DAY_MS).toISOString());
      const page3 = await call(server.url, 'GET', '/api/v1/userVideoTwin/records?pageNum=3&pageSize=2');
      expect(page3.body.data.rows.map((row: { _id: string }) => row._id)).toEqual(['a4']);
      const page4 = await call(server.url, 'GET', '/api/v1/userVideoTwin/records?pageNum=4&pageSize=2');
      expect(page4.body.data.rows).toEqual([]);

      expect((await call(server.url, 'POST', '/api/v1/userVideoTwin/remove', { _id: 'a1' })).body).toEqual({
        code: 0,
        data: {},
      });
      expect(server.ledger.deleted.has('a2e/avatar/a1')).toBe(true);
      expect((await call(server.url, 'GET', '/api/v1/userVideoTwin/a1')).body).toEqual({ code: 0, data: null });
      expect((await call(server.url, 'GET', '/api/v1/userVideoTwin/a2')).body.data).toMatchObject({
        _id: 'a2',
        current_status: 'completed',
      });
      // A record that never was: its delete fails with a non-zero code.
      expect((await call(server.url, 'DELETE', '/api/v1/userVoice/gone-1')).body).toMatchObject({ code: 1 });
    } finally {
      await server.stop();
    }
  });

  it('fault server: voices all at once; uploaded faces without a status; kinds kept apart', async () => {
    const server = await startFaultServer({
      jobs: [
        { provider: 'a2e', kind: 'voice', id: 'same', createdAtMs: NOW },
        { provider: 'a2e', kind: 'face-swap-image', id: 'same', createdAtMs: NOW },
      ],
    });
    try {
      const voices = await call(server.url, 'GET', '/api/v1/userVoice/completedRecord');
      expect(voices.body).toMatchObject({ code: 0, data: [{ _id: 'same', current_status: 'completed' }] });
      const faces = await call(server.url, 'GET', '/api/v1/userFaceSwapImage/records?pageNum=1&pageSize=10');
      expect(faces.body.data.rows[0]).not.toHaveProperty('current_status');
      await call(server.url, 'DELETE', '/api/v1/userVoice/same');
      expect([...server.ledger.deleted]).toEqual(['a2e/voice/same']);
      const after = await call(server.url, 'GET', '/api/v1/userFaceSwapImage/records?pageNum=1&pageSize=10');
      expect(after.body.data.rows).toHaveLength(1);
    } finally {
      await server.stop();
    }
  });

  it('mocks: the record kinds list, read and delete in answers that fit specs/a2e.yaml', async () => {
    const mocks = await startMockVendors({ providers: ['a2e'] });
    try {
      const base = mocks.baseUrls.a2e as string;
      const go = (method: string, path: string, body?: unknown) => call(base, method, path, body, mocks.apiKey);
      const avatars = await go('GET', '/api/v1/userVideoTwin/records?pageNum=1&pageSize=10');
      expect(avatars.violations).toBeNull();
      expect(avatars.body.data.rows.map((row: { _id: string }) => row._id)).toEqual([
        '6674f1765699df7e9d25311b',
        '6674f1765699df7e9d2531a0',
      ]);
      const removed = await go('POST', '/api/v1/userVideoTwin/remove', { _id: '6674f1765699df7e9d2531a0' });
      expect([removed.violations, removed.body]).toEqual([null, { code: 0, data: {} }]);
      const gone = await go('GET', '/api/v1/userVideoTwin/6674f1765699df7e9d2531a0');
      expect([gone.violations, gone.body]).toEqual([null, { code: 0, data: null }]);
      const voices = await go('GET', '/api/v1/userVoice/completedRecord');
      expect(voices.violations).toBeNull();
      expect(voices.body.data).toHaveLength(2);
      for (const path of [
        '/api/v1/userFaceSwapImage/records',
        '/api/v1/userFaceSwapTask/records',
        '/api/v1/userDubbing/allRecords',
        '/api/v1/userImage2Video/allRecords',
        '/api/v1/userCaptionRemoval/allRecords',
      ]) {
        const page = await go('GET', `${path}?pageNum=1&pageSize=10`);
        expect([path, page.violations, page.body.data.rows.length > 0]).toEqual([path, null, true]);
      }
      const task = await go('GET', '/api/v1/userImage2Video/67d29023dd27a536fdf6e809');
      expect([task.violations, task.body.data.current_status]).toEqual([null, 'completed']);
      const background = await go('DELETE', '/api/v1/anchor/background/6674f1765699df7e9d2531a7');
      expect([background.violations, background.body]).toEqual([null, { code: 0, data: {} }]);
    } finally {
      await mocks.stop();
    }
  });
});
