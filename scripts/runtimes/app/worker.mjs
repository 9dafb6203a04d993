// The consumer as a Cloudflare module worker (bundled with esbuild, no nodejs_compat): the keys come
// from the worker's bindings (`env`), as secrets set with `wrangler secret put` would; the request
// body carries the fault server's URL and the plan.
import { runConsumer } from './consumer.mjs';

export default {
  async fetch(request, env) {
    const { url, plan } = await request.json();
    const keys = {
      tensorslab: env.TENSORSLAB_API_KEY,
      tavus: env.TAVUS_API_KEY,
      bifrost: env.BIFROST_API_KEY,
      a2e: env.A2E_API_KEY,
    };
    try {
      return Response.json({
        ok: true,
        result: await runConsumer({ url, keys, plan }),
        hasProcess: 'process' in globalThis,
      });
    } catch (error) {
      return Response.json({ ok: false, error: String(error?.stack ?? error) }, { status: 500 });
    }
  },
};
