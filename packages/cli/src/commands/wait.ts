// `mediajobs wait`: until a job succeeds, fails or is deleted.
import type { Command } from 'commander';
import type { JobRef } from 'mediajobs';
import { EXIT, withJobs } from '../common.js';
import { printable } from '../output.js';
import { type CommandContext, duration, oneJobCommand, printJob } from './shared.js';

/** Adds `mediajobs wait` to the program. */
export function addWaitCommand(program: Command, { io, setExitCode, globalsOf }: CommandContext): void {
  oneJobCommand(program, 'wait', 'wait until a job succeeds, fails or is deleted')
    .option(
      '--timeout <duration>',
      'give up after this long, a request in flight included (e.g. 30s, 10m, 1h)',
      duration,
      600_000,
    )
    .addHelpText('after', '\nExamples:\n  mediajobs wait a2e 652630d6bae4de626f8b49ec --timeout 10m')
    .action(
      async (
        provider: JobRef['provider'],
        id: string,
        options: { kind?: JobRef['kind']; timeout: number },
        command: Command,
      ) => {
        const globals = globalsOf(command);
        const abort = new AbortController();
        const onSigint = () => abort.abort();
        process.once('SIGINT', onSigint);
        try {
          const job = await withJobs(
            globals,
            (jobs) =>
              jobs.wait({ provider, id, kind: options.kind } as JobRef, {
                timeoutMs: options.timeout,
                signal: abort.signal,
              }),
            { providers: [provider] },
          );
          printJob(job, Boolean(globals.json), io.stdout);
          setExitCode(job.status === 'failed' ? EXIT.failed : EXIT.ok);
        } catch (error) {
          // Ctrl-C is the user's own stop, not a failure of the vendor: the exit code every command gives it.
          if (!abort.signal.aborted) throw error;
          io.stderr.write(
            `mediajobs: stopped waiting for ${provider} ${printable(id)} (SIGINT); waiting changes nothing\n`,
          );
          setExitCode(EXIT.interrupted);
        } finally {
          process.off('SIGINT', onSigint);
        }
      },
    );
}
