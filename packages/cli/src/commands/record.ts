// `mediajobs record`: tells the ledger whose a resource is (one from arguments, or JSON lines from a file).
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { RecordInput } from '@mediajobs/ledger';
import { type Command, Option } from 'commander';
import type { JobRef } from 'mediajobs';
import { checkReadable } from '../input.js';
import type { Io } from '../io.js';
import { loadLedger, withLedger } from '../ledger.js';
import { printable } from '../output.js';
import { UsageError } from '../usage-error.js';
import { type CommandContext, kindOption, providerArg } from './shared.js';

interface RecordCommandOptions {
  subject?: string;
  kind?: string;
  createdAt?: string;
  from?: string;
  ledger?: string;
}

/** Records per transaction when reading a file. */
const BATCH = 1_000;

/** Adds `mediajobs record` to the program. */
export function addRecordCommand(program: Command, { io, globalsOf }: CommandContext): void {
  program
    .command('record')
    .description('record whose a resource is, in the ledger (see `mediajobs erase`)')
    .argument('[provider]', 'the vendor', providerArg)
    .argument('[id]', "the resource's id, as the vendor gave it")
    .option('--subject <subject>', 'whose it is: a user id or email (stored only as a keyed hash)')
    .addOption(kindOption())
    .option('--created-at <time>', 'when it was created (ISO 8601; default now)')
    .option(
      '--from <file>',
      'record every JSON line of this file: {"subject", "provider", "kind"?, "id", "createdAt"?}',
    )
    .addOption(ledgerOption())
    .addHelpText(
      'after',
      `
Examples:
  mediajobs record tavus 8a4f94e736 --subject user-42
  mediajobs record a2e 6650f2c1 --kind voice --subject alice@example.com
  mediajobs record --from created.jsonl --ledger postgres://ledger@db/mediajobs
A file is checked whole before anything is recorded: one bad line records nothing.`,
    )
    .action(
      async (
        provider: JobRef['provider'] | undefined,
        id: string | undefined,
        options: RecordCommandOptions,
        command: Command,
      ) => {
        const { json } = globalsOf(command);
        const records = options.from ? undefined : [oneRecord(provider, id, options)];
        if (options.from && (provider || id || options.subject)) {
          throw new UsageError('give either --from <file> or <provider> <id> --subject <subject>, not both');
        }
        await withLedger(options, io.env, io.stderr, async (ledger) => {
          const { checkRecordInput } = await loadLedger();
          let counts = { recorded: 0, already: 0 };
          if (records) counts = await ledger.recordMany(records);
          else {
            const file = options.from as string;
            // Read twice (checked, then recorded), so a file, not a pipe.
            if (file === '-')
              throw new UsageError('record --from needs a file (it is read twice: checked whole, then recorded)');
            checkReadable(file);
            // First every line checked, then recorded in batches: a bad line 90,000 records nothing.
            for await (const [record, where] of lines(file)) checkRecordInput(record, where);
            let batch: RecordInput[] = [];
            const flush = async () => {
              const done = await ledger.recordMany(batch);
              counts = { recorded: counts.recorded + done.recorded, already: counts.already + done.already };
              batch = [];
            };
            for await (const [record] of lines(file)) {
              batch.push(record as RecordInput);
              if (batch.length >= BATCH) await flush();
            }
            await flush();
          }
          print(io, Boolean(json), { ...counts, ledger: ledger.location });
        });
      },
    );
}

export function ledgerOption(): Option {
  return new Option(
    '--ledger <location>',
    'the ledger: sqlite:<file> or postgres://... (default: MEDIAJOBS_LEDGER, else sqlite:mediajobs-ledger.db here)',
  );
}

function oneRecord(provider: string | undefined, id: string | undefined, options: RecordCommandOptions): RecordInput {
  if (!provider || id === undefined) throw new UsageError('give <provider> <id> --subject <subject>, or --from <file>');
  if (options.subject === undefined) throw new UsageError('--subject is required: whose is this resource?');
  return {
    subject: options.subject,
    provider,
    id,
    ...(options.kind !== undefined && { kind: options.kind }),
    ...(options.createdAt !== undefined && { createdAt: options.createdAt }),
  };
}

/** The file's JSON lines (blank lines skipped), each with where it is, for errors. */
async function* lines(file: string): AsyncGenerator<[unknown, string]> {
  const reader = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Number.POSITIVE_INFINITY });
  let n = 0;
  for await (const line of reader) {
    n += 1;
    if (line.trim() === '') continue;
    const where = `${printable(file)} line ${n}`;
    try {
      yield [JSON.parse(line), where];
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw error;
      throw new UsageError(`${where} is not JSON: ${error.message}`);
    }
  }
}

function print(io: Io, json: boolean, result: { recorded: number; already: number; ledger: string }) {
  if (json) io.stdout.write(`${JSON.stringify(result)}\n`);
  else {
    io.stdout.write(
      `recorded ${result.recorded}${result.already ? ` (${result.already} recorded already)` : ''} in ${printable(result.ledger)}\n`,
    );
  }
}
