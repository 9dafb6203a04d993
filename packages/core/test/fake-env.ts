// A process.env that records every read the library packages make, and may refuse each as Deno's
// does without --allow-env (NotCapable). Node and vitest read a few variables of their own
// meanwhile (NODE_V8_COVERAGE, JEST_WORKER_ID...): reads with no library source file on the stack
// are let through. Restored when the test that called fakeEnv ends: by the test itself, not by an
// afterEach of the importing file, which runs only in the first file to import this module when test files
// share one module cache (vitest without isolation, as the mutation runs use it).
import { onTestFinished } from 'vitest';

export class NotCapable extends Error {
  override name = 'NotCapable';
}

const LIBRARY_SOURCE = /[\\/]packages[\\/](core|mediajobs|tensorslab|tavus|bifrost|a2e)[\\/]src[\\/]/;

/** Is one of the library packages' source files on the stack? */
function fromLibrary(): boolean {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 50;
  const stack = new Error().stack ?? '';
  Error.stackTraceLimit = limit;
  return LIBRARY_SOURCE.test(stack);
}

// Node loads undici, which reads a variable of its own, on the first Request: load it now.
new Request('https://warm-up.test');

/**
 * Replaces process.env until the test ends; returns the names the library read, in order (`*` for a
 * listing). `refuse` makes each of those reads throw.
 */
export function fakeEnv(values: Record<string, string>, { refuse = false } = {}): string[] {
  const reads: string[] = [];
  const original = process.env;
  onTestFinished(() => {
    process.env = original;
  });
  const read = (name: string | symbol) => {
    if (!fromLibrary()) return;
    reads.push(String(name));
    if (refuse) throw new NotCapable(`Requires env access to "${String(name)}", run again with the --allow-env flag`);
  };
  process.env = new Proxy(values, {
    get: (target, name) => {
      read(name);
      return target[name as string];
    },
    has: (target, name) => {
      read(name);
      return name in target;
    },
    ownKeys: (target) => {
      read('*');
      return Reflect.ownKeys(target);
    },
    getOwnPropertyDescriptor: (target, name) => {
      read(name);
      return Reflect.getOwnPropertyDescriptor(target, name);
    },
  }) as NodeJS.ProcessEnv;
  return reads;
}
