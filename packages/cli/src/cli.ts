// The `mediajobs` process (bin/mediajobs.js imports it): runs the command line, sets the exit code.
import { EXIT } from './common.js';
import { run } from './program.js';

// `mediajobs list ... | head`: the reader has all it wants; end quietly rather than crash.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(EXIT.ok);
  throw error;
});
process.exitCode = await run(process.argv);
