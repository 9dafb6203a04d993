// The consumer as a Vercel edge function, in edge-runtime's service-worker form (bundled with esbuild
// into one script): the request body carries the fault server's URL, the keys and the plan.
import { runConsumer } from './consumer.mjs';

addEventListener('fetch', (event) => {
  event.respondWith(
    (async () => {
      try {
        const result = await runConsumer(await event.request.json());
        return Response.json({ ok: true, result, hasProcess: 'process' in globalThis });
      } catch (error) {
        return Response.json({ ok: false, error: String(error?.stack ?? error) }, { status: 500 });
      }
    })(),
  );
});
