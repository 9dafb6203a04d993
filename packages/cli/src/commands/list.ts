// `mediajobs list`: a vendor's jobs as JSON lines (the work is list.ts's runList).
import type { Command } from 'commander';
import { LISTABLE_PROVIDERS, type ListableProvider } from 'mediajobs';
import { type ListCommandOptions, runList } from '../list.js';
import { age } from '../snapshot.js';
import { addListingOptions, type CommandContext, listableArg, statusList } from './shared.js';

/** Adds `mediajobs list` to the program. */
export function addListCommand(program: Command, { setExitCode, globalsOf }: CommandContext): void {
  const command = program
    .command('list')
    .description(
      "list a vendor's jobs as JSON lines {provider, id, kind, status, createdAt} (the shape delete --from reads)",
    )
    .argument('<provider>', LISTABLE_PROVIDERS.join(', '), listableArg)
    .option('--upstream <name>', 'Bifrost: the gateway provider whose jobs to list (required there), e.g. openai')
    .option('--older-than <age>', 'only jobs created before now minus this age (30d, 12h, 90m)', age)
    .option('--newer-than <age>', 'only jobs created after now minus this age', age)
    .option(
      '--status <statuses>',
      'only jobs in these statuses (comma-separated: queued,running,succeeded,failed,deleted)',
      statusList,
    );
  addListingOptions(command)
    .addHelpText(
      'after',
      `
Examples:
  mediajobs list tavus --older-than 30d > old.jsonl
  mediajobs list bifrost --upstream openai --status failed
  mediajobs list a2e --older-than 90d | mediajobs delete --from - --receipts receipts.jsonl

Tavus list items carry no creation time: with --older-than/--newer-than each video is read once for it.
A job whose creation time cannot be read is left out, and named on stderr as skipped.`,
    )
    .action(async (provider: ListableProvider, options: ListCommandOptions, command: Command) => {
      setExitCode(await runList(provider, options, globalsOf(command)));
    });
}
