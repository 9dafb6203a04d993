// Runs the bundled consumer worker in workerd through miniflare, as a module worker without
// nodejs_compat, the keys as bindings, and prints its answer as one `RESULT {...}` line.
// Usage: node workerd.mjs <miniflare install folder> <worker bundle> <input JSON>
// Run with Node 22 (miniflare declares node >= 22); the worker fetches the fault server on 127.0.0.1.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [folder, bundle, json] = process.argv.slice(2);
const require = createRequire(join(folder, 'package.json'));
const { Miniflare } = await import(pathToFileURL(require.resolve('miniflare')).href);
const { url, keys, plan } = JSON.parse(json);

const miniflare = new Miniflare({
  modules: true,
  scriptPath: bundle,
  compatibilityDate: '2026-07-01',
  compatibilityFlags: [],
  bindings: {
    TENSORSLAB_API_KEY: keys.tensorslab,
    TAVUS_API_KEY: keys.tavus,
    BIFROST_API_KEY: keys.bifrost,
    A2E_API_KEY: keys.a2e,
  },
});
try {
  const response = await miniflare.dispatchFetch('http://worker.local/', {
    method: 'POST',
    body: JSON.stringify({ url, plan }),
  });
  const answer = await response.json();
  if (!answer.ok) throw new Error(`the worker failed: ${answer.error}`);
  if (answer.hasProcess) throw new Error('the worker has a `process` global: nodejs_compat is on');
  console.log(`RESULT ${JSON.stringify(answer.result)}`);
} finally {
  await miniflare.dispose();
}
