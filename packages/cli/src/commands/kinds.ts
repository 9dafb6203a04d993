// `mediajobs kinds`: every vendor's kinds of job, and what the CLI can do with each, from the registry.
import type { Command } from 'commander';
import { type Provider, vendors } from 'mediajobs';
import { perValueOption } from '../registry.js';
import type { CommandContext } from './shared.js';

export interface KindAbilities {
  provider: Provider;
  kind: string;
  delete: boolean;
  get: boolean;
  list: boolean;
  /** Its delete takes --hard (its assets too, irrevocably). */
  hard: boolean;
  /** Its endpoints are confirmed at the vendor's own docs or code (false: the spec marks them unverified). */
  verified: boolean;
  /** For people: how an ability differs from the others' (not in --json). */
  notes?: { delete?: string; list?: string };
}

/** One row per vendor and kind, in the registry's order (each vendor's default kind first). */
export function kindRows(): KindAbilities[] {
  return vendors.flatMap((vendor) =>
    vendor.kinds.map((kind) => {
      const perValue = perValueOption(kind);
      const deleteNotes = [
        ...(kind.delete === 'batch' ? ['batch'] : []),
        ...Object.keys(kind.deleteOptions).map((name) => `--${name}`),
      ];
      const notes = {
        ...(deleteNotes.length > 0 ? { delete: deleteNotes.join(', ') } : {}),
        ...(kind.list && perValue ? { list: `per --${perValue.name}` } : {}),
      };
      return {
        provider: vendor.provider,
        kind: kind.name,
        delete: true,
        get: kind.get,
        list: kind.list,
        hard: Object.hasOwn(kind.deleteOptions, 'hard'),
        verified: kind.unverified === undefined,
        ...(Object.keys(notes).length > 0 ? { notes } : {}),
      };
    }),
  );
}

/** The kinds as a Markdown table (the README's, which a test keeps equal to this). */
export function kindsMarkdown(): string {
  const mark = (value: boolean) => (value ? 'yes' : 'no');
  const lines = [
    '| vendor | kind | what it is | delete | get | list | `--hard` | source |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const vendor of vendors) {
    for (const kind of vendor.kinds) {
      const perValue = perValueOption(kind);
      const list = kind.list ? (perValue ? `per \`--${perValue.name}\`` : 'yes') : 'no';
      const source = kind.unverified === undefined ? 'verified' : `unverified: ${kind.unverified}`;
      const cells = [vendor.provider, `\`${kind.name}\``, kind.summary, kind.delete === 'batch' ? 'batch' : 'yes'];
      cells.push(mark(kind.get), list, mark(Object.hasOwn(kind.deleteOptions, 'hard')), source);
      lines.push(`| ${cells.map((cell) => cell.replaceAll('|', '\\|')).join(' | ')} |`);
    }
  }
  return lines.join('\n');
}

/** Adds `mediajobs kinds` to the program. */
export function addKindsCommand(program: Command, { io, globalsOf }: CommandContext): void {
  program
    .command('kinds')
    .description(
      "list every vendor's kinds of job and what each can do (--json: {provider, kind, delete, get, list, hard, verified})",
    )
    .option('--markdown', 'as a Markdown table (the one in the README)')
    .addHelpText('after', '\nExamples:\n  mediajobs kinds\n  mediajobs kinds --json\n  mediajobs kinds --markdown')
    .action((options: { markdown?: boolean }, command: Command) => {
      if (options.markdown) {
        io.stdout.write(`${kindsMarkdown()}\n`);
        return;
      }
      const json = Boolean(globalsOf(command).json);
      const rows = kindRows();
      const providerWidth = Math.max(...rows.map((row) => row.provider.length)) + 1;
      const kindWidth = Math.max(...rows.map((row) => row.kind.length)) + 2;
      for (const { notes, ...row } of rows) {
        if (json) {
          io.stdout.write(`${JSON.stringify(row)}\n`);
          continue;
        }
        const can = (['delete', 'get', 'list'] as const)
          .filter((ability) => row[ability])
          .map((ability) => {
            const note = ability === 'get' ? undefined : notes?.[ability];
            return note ? `${ability} (${note})` : ability;
          });
        const source = row.verified ? '' : '  (unverified: see the spec)';
        io.stdout.write(
          `${row.provider.padEnd(providerWidth)}${row.kind.padEnd(kindWidth)}${can.join(', ')}${source}\n`,
        );
      }
    });
}
