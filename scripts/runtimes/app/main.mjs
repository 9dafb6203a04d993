// The consumer as a script: `node main.mjs '<input JSON>'`, `bun main.mjs ...`, `deno run --allow-net
// main.mjs ...`. Prints one `RESULT {...}` line; a failed check exits 1 with its message.
import { runConsumer } from './consumer.mjs';

const args = globalThis.Deno ? globalThis.Deno.args : globalThis.process.argv.slice(2);
try {
  const result = await runConsumer(JSON.parse(args[0]));
  // Under Deno, what else it was allowed: run.mjs checks that nothing but the network was.
  const deno = globalThis.Deno;
  const permissions = deno
    ? Object.fromEntries(
        ['env', 'read', 'write', 'run', 'ffi', 'sys'].map((name) => [name, deno.permissions.querySync({ name }).state]),
      )
    : undefined;
  console.log(`RESULT ${JSON.stringify({ ...result, permissions })}`);
} catch (error) {
  console.error(error);
  if (globalThis.Deno) globalThis.Deno.exit(1);
  globalThis.process.exit(1);
}
