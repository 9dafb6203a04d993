// `mediajobs list`: a vendor's jobs as JSON lines (the work is list.ts's runList).
import type { Command } from 'commander';
import { LISTABLE_PROVIDERS, type Provider, vendors } from 'mediajobs';
import { type ListCommandOptions, runList } from '../list.js';
import { flagOf, kindOptions, perValueOption } from '../registry.js';
import { age } from '../snapshot.js';
import { addListingOptions, type CommandContext, kindOption, listableArg, statusList } from './shared.js';

/** The help's examples, from the registry: a plain listing, one per value of an option, one piped to delete. */
function examples(): string {
  const listing = vendors.flatMap((vendor) =>
    vendor.kinds.filter((kind) => kind.list).map((kind) => ({ vendor, kind })),
  );
  const plain = listing.find(({ kind }) => !perValueOption(kind));
  const perValue = listing.find(({ kind }) => perValueOption(kind));
  const last = listing.at(-1);
  const lines: string[] = [];
  if (plain) lines.push(`mediajobs list ${plain.vendor.provider} --older-than 30d > old.jsonl`);
  if (perValue) {
    const { name, option } = perValueOption(perValue.kind) as NonNullable<ReturnType<typeof perValueOption>>;
    lines.push(`mediajobs list ${perValue.vendor.provider} --${name} ${option.example ?? '<value>'} --status failed`);
  }
  if (last && !perValueOption(last.kind)) {
    lines.push(
      `mediajobs list ${last.vendor.provider} --older-than 90d | mediajobs delete --from - --receipts receipts.jsonl`,
    );
  }
  return lines.map((line) => `  ${line}`).join('\n');
}

/** Adds `mediajobs list` to the program. */
export function addListCommand(program: Command, { setExitCode, globalsOf }: CommandContext): void {
  const command = program
    .command('list')
    .description(
      "list a vendor's jobs as JSON lines {provider, id, kind, status, createdAt} (the shape delete --from reads)",
    )
    .argument('<provider>', LISTABLE_PROVIDERS.join(', '), listableArg)
    .addOption(kindOption());
  // Each kind's own list options (a Bifrost gateway's --upstream), from the registry.
  for (const { name, owners, option } of kindOptions('list')) {
    const required = option.required ? ' (required there)' : '';
    const example = option.example === undefined ? '' : `, e.g. ${option.example}`;
    const value = option.type === 'boolean' ? '' : ` <${option.type === 'string' ? 'name' : 'n'}>`;
    command.option(`--${flagOf(name)}${value}`, `${owners}: ${option.description}${required}${example}`);
  }
  command
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
${examples()}

Tavus list items carry no creation time: with --older-than/--newer-than each video is read once for it.
A job whose creation time cannot be read is left out, and named on stderr as skipped.`,
    )
    .action(async (provider: Provider, options: ListCommandOptions, command: Command) => {
      setExitCode(await runList(provider, options, globalsOf(command)));
    });
}
