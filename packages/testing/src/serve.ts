#!/usr/bin/env node
// Runs the fault server in its own process (for benchmarks, so that the server's work does not count
// against the client's): options as --name value flags, the URL printed as the first line of stdout.
import { parseArgs } from 'node:util';
import { startFaultServer } from './server.js';

const { values } = parseArgs({
  options: {
    'latency-ms': { type: 'string', default: '0' },
    seed: { type: 'string', default: '1' },
    'fault-rate': { type: 'string', default: '0' },
    // A token bucket per vendor: requests per second, burst, Retry-After seconds ('' for none), and
    // `headers` to describe the bucket in x-ratelimit-* headers (RateLimitMode's `headers`).
    'rate-limit': { type: 'string' },
  },
});
const [rate, burst, retryAfter, headers] = (values['rate-limit'] ?? '').split(',');
const server = await startFaultServer({
  latencyMs: Number(values['latency-ms']),
  seed: Number(values.seed),
  faultRate: Number(values['fault-rate']),
  rateLimit:
    rate === undefined || rate === ''
      ? undefined
      : {
          requestsPerSecond: Number(rate),
          burst: Number(burst),
          retryAfterSeconds: retryAfter ? Number(retryAfter) : undefined,
          headers: headers === 'headers',
        },
});
console.log(server.url);
process.on('SIGTERM', () => server.stop().then(() => process.exit(0)));
