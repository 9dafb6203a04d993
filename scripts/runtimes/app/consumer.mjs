// A user's erasure script, as it would run in any runtime: it imports the installed `mediajobs` and
// `@mediajobs/tavus` (from the packed tarballs), gets the fault server's URL, the keys and the plan
// as arguments (it never reads process.env: Deno runs it without env permission, and workers have
// no process), and asserts every outcome. run.mjs (Node 20) holds the fault server, hands each
// runtime the same plan, and compares the server's ledger with `deleted` afterwards.
import { createTavusClient } from '@mediajobs/tavus';
import { createMediaJobs, MediaJobsError, PROVIDERS } from 'mediajobs';

/**
 * @param {{ url: string, keys: Record<string, string>, plan: {
 *   cutoff: string, a2eBefore: string[], bifrostBefore: string[] } }} input
 * @returns {Promise<{ checks: string[], deleted: string[] }>}
 */
export async function runConsumer({ url, keys, plan }) {
  const checks = [];
  const check = (name, ok, detail) => {
    if (!ok) throw new Error(`${name}: ${typeof detail === 'string' ? detail : JSON.stringify(detail)}`);
    checks.push(name);
  };
  const vendor = (provider) => ({ baseUrl: url, apiKey: keys[provider] });
  const jobs = createMediaJobs({
    ...Object.fromEntries(PROVIDERS.map((provider) => [provider, vendor(provider)])),
    maxRetries: 0,
    timeoutMs: 10_000,
  });
  const rejection = async (promise) => {
    try {
      await promise;
    } catch (error) {
      return error;
    }
    return undefined;
  };

  // A vendor client on its own: the typed openapi-fetch client, key and base URL as options.
  const tavus = createTavusClient(vendor('tavus'));
  const read = await tavus.GET('/v2/videos/{video_id}', { params: { path: { video_id: 'rt-client' } } });
  check(
    'vendor client get',
    read.response.status === 200 && read.data?.video_id === 'rt-client',
    read.data ?? read.error,
  );

  const deleted = await jobs.delete({ provider: 'tavus', id: 'rt-delete' });
  check('delete', deleted.deleted === true && deleted.provider === 'tavus' && deleted.id === 'rt-delete', deleted);

  const job = await jobs.get({ provider: 'bifrost', id: 'rt-get:openai' });
  check('get', job.id === 'rt-get:openai' && job.status === 'succeeded' && job.urls.length === 1, job);

  const missing = await rejection(jobs.get({ provider: 'tavus', id: 'gone-rt' }));
  check(
    'missing job is a NotFoundError',
    MediaJobsError.isInstance(missing) && missing.name === 'NotFoundError' && missing.status === 404,
    String(missing),
  );
  const again = await rejection(jobs.get({ provider: 'tavus', id: 'rt-delete' }));
  check('deleted job is gone', MediaJobsError.isInstance(again) && again.name === 'NotFoundError', String(again));

  const cutoff = new Date(plan.cutoff);
  const ids = async (listOptions) => {
    const found = [];
    for await (const listed of jobs.list({ ...listOptions, createdBefore: cutoff })) found.push(listed.id);
    return found.sort();
  };
  const a2e = await ids({ provider: 'a2e' });
  check('list with createdBefore', same(a2e, plan.a2eBefore), { got: a2e, want: plan.a2eBefore });
  const bifrost = await ids({ provider: 'bifrost', upstream: 'openai' });
  check('Bifrost list with upstream', same(bifrost, plan.bifrostBefore), { got: bifrost, want: plan.bifrostBefore });

  const refs = [
    { provider: 'tensorslab', id: 'rt-many-ts', kind: 'image' },
    { provider: 'tavus', id: 'rt-many-tv' },
    { provider: 'bifrost', id: 'rt-many-bf:openai' },
    { provider: 'a2e', id: 'rt-many-a2' },
    { provider: 'tavus', id: 'gone-many' },
  ];
  const outcomes = await jobs.deleteMany(refs, { concurrency: 2 });
  const summary = outcomes.map((outcome) => `${outcome.ref.id}:${outcome.ok ? 'ok' : outcome.error.name}`);
  check(
    'deleteMany, one outcome per ref',
    same(summary, [
      'rt-many-ts:ok',
      'rt-many-tv:ok',
      'rt-many-bf:openai:ok',
      'rt-many-a2:ok',
      'gone-many:NotFoundError',
    ]),
    summary,
  );

  return {
    checks,
    deleted: [
      'tavus:rt-delete',
      'tensorslab:rt-many-ts',
      'tavus:rt-many-tv',
      'bifrost:rt-many-bf:openai',
      'a2e:rt-many-a2',
    ],
  };
}

const same = (a, b) => a.length === b.length && a.every((value, index) => value === b[index]);
