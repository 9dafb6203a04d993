// `import { run } from '@mediajobs/cli'`: the mediajobs command, run in this process.
export type { Env, Io, Output } from './io.js';
export { run } from './program.js';
