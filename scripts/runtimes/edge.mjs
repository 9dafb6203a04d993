// Runs the bundled consumer in Vercel's edge-runtime (its EdgeRuntime VM, the primitives of Vercel's
// edge functions) and prints its answer as one `RESULT {...}` line.
// Usage: node edge.mjs <edge-runtime install folder> <edge bundle> <input JSON>
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const [folder, bundle, json] = process.argv.slice(2);
const require = createRequire(join(folder, 'package.json'));
const { EdgeRuntime } = require('edge-runtime');

const runtime = new EdgeRuntime({ initialCode: readFileSync(bundle, 'utf8') });
const response = await runtime.dispatchFetch('http://edge.local/', { method: 'POST', body: json });
await response.waitUntil();
const answer = await response.json();
if (!answer.ok) throw new Error(`the edge function failed: ${answer.error}`);
if (answer.hasProcess) throw new Error('the edge function sees a `process` global');
console.log(`RESULT ${JSON.stringify(answer.result)}`);
