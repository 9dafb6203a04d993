// `import { run } from '@mediajobs/cli'`: the mediajobs command, run in this process.
export { run } from './program.js';
