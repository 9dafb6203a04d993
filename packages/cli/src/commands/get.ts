// `mediajobs get`: a job's status and result URLs.
import type { Command } from 'commander';
import type { JobRef } from 'mediajobs';
import { withJobs } from '../common.js';
import { type CommandContext, oneJobCommand, printJob, timeoutOption } from './shared.js';

/** Adds `mediajobs get` to the program. */
export function addGetCommand(program: Command, { io, globalsOf }: CommandContext): void {
  oneJobCommand(program, 'get', "show a job's status and result URLs")
    .addOption(timeoutOption())
    .addHelpText(
      'after',
      '\nExamples:\n  mediajobs get bifrost video_abc123:openai\n  mediajobs get --mock --json tavus 8a4f94e736',
    )
    .action(
      async (
        provider: JobRef['provider'],
        id: string,
        options: { kind?: JobRef['kind']; timeout?: number },
        command: Command,
      ) => {
        const globals = globalsOf(command);
        const job = await withJobs(globals, (jobs) => jobs.get({ provider, id, kind: options.kind } as JobRef), {
          providers: [provider],
          timeoutMs: options.timeout,
        });
        printJob(job, Boolean(globals.json), io.stdout);
      },
    );
}
