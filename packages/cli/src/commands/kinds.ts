// `mediajobs kinds`: every vendor's kinds of job, and what the CLI can do with each.
import type { Command } from 'commander';
import type { Provider } from 'mediajobs';
import type { CommandContext } from './shared.js';

export interface KindAbilities {
  provider: Provider;
  kind: 'video' | 'image';
  delete: boolean;
  get: boolean;
  list: boolean;
  /** For people: how an ability differs from the others' (not in --json). */
  notes?: { delete?: string; list?: string };
}

/**
 * Today's kinds, written out here. This table is the one place that the facade's kinds registry, when
 * it comes, replaces: each row then comes from the vendor's own description.
 */
export const KINDS: readonly KindAbilities[] = [
  { provider: 'tensorslab', kind: 'video', delete: true, get: true, list: false, notes: { delete: 'batch' } },
  { provider: 'tensorslab', kind: 'image', delete: true, get: true, list: false, notes: { delete: 'batch' } },
  { provider: 'tavus', kind: 'video', delete: true, get: true, list: true },
  { provider: 'bifrost', kind: 'video', delete: true, get: true, list: true, notes: { list: 'per --upstream' } },
  { provider: 'a2e', kind: 'video', delete: true, get: true, list: true },
];

/** Adds `mediajobs kinds` to the program. */
export function addKindsCommand(program: Command, { io, globalsOf }: CommandContext): void {
  program
    .command('kinds')
    .description("list every vendor's kinds of job and what each can do (--json: {provider, kind, delete, get, list})")
    .addHelpText('after', '\nExamples:\n  mediajobs kinds\n  mediajobs kinds --json')
    .action((_options: unknown, command: Command) => {
      const json = Boolean(globalsOf(command).json);
      for (const { notes, ...row } of KINDS) {
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
        io.stdout.write(`${row.provider.padEnd(11)}${row.kind.padEnd(7)}${can.join(', ')}\n`);
      }
    });
}
