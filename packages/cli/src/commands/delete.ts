// `mediajobs delete`: jobs given as arguments, or every ref of a JSONL/CSV file, with receipts (resumable).
import { type Command, Option } from 'commander';
import { checkJobRef, InvalidRequestError, type JobRef, PROVIDERS, type Provider } from 'mediajobs';
import { EXIT, type GlobalOptions, type Interrupt, onInterrupt, receiptOf, withJobs } from '../common.js';
import { checkReadable, countRefs, formatOf, type InputRef, providersIn, readRefs } from '../input.js';
import { lockFile } from '../lock.js';
import { type Counts, printable, Reporter } from '../output.js';
import { ReceiptLog } from '../receipt-log.js';
import { OkReceipts, ReceiptWriter } from '../receipts.js';
import { kindOptions } from '../registry.js';
import { UsageError } from '../usage-error.js';
import {
  type CommandContext,
  kindOption,
  positiveInteger,
  positiveNumber,
  providerArg,
  timeoutOption,
} from './shared.js';

interface DeleteCommandOptions {
  kind?: JobRef['kind'];
  hard?: boolean;
  from?: string;
  format?: string;
  receipts?: string;
  resume?: boolean;
  concurrency: number;
  rate?: number;
  timeout?: number;
  dryRun?: boolean;
}

/** Deletes refs from arguments or from --from, writing a receipt per ref; returns the exit code. */
async function runDelete(
  refs: AsyncIterable<InputRef>,
  providers: readonly Provider[],
  options: DeleteCommandOptions,
  globals: GlobalOptions,
) {
  // One run per receipts file: a second would read receipts as the first writes them, and delete twice.
  const receipts = options.dryRun ? undefined : options.receipts;
  const lock = receipts ? lockFile(receipts) : undefined;
  const interrupt = onInterrupt(globals.io.stderr);
  try {
    const skip = options.resume && options.receipts ? await OkReceipts.read(options.receipts) : undefined;
    const log = receipts
      ? new ReceiptLog(new ReceiptWriter(receipts), interrupt.stopStarting, globals.io.stderr)
      : undefined;
    return await deleteRefs(refs, providers, options, globals, { skip, log, interrupt });
  } finally {
    interrupt.stop();
    lock?.release();
  }
}

async function deleteRefs(
  refs: AsyncIterable<InputRef>,
  providers: readonly Provider[],
  options: DeleteCommandOptions,
  globals: GlobalOptions,
  { skip, log, interrupt }: { skip?: OkReceipts; log?: ReceiptLog; interrupt: Interrupt },
) {
  // A bulk run shows progress on a terminal; counting a file first gives it a total and an ETA.
  const showProgress = Boolean(options.from) && Boolean(globals.io.stderr.isTTY);
  const total =
    showProgress && options.from ? await countRefs(options.from, formatOf(options.from, options.format)) : undefined;
  const reporter = new Reporter(globals.io, Boolean(globals.json), showProgress ? { total } : undefined);
  const counts: Counts = { done: 0, ok: 0, failed: 0, skipped: 0 };
  const record = (ref: Partial<InputRef>, error?: unknown) => {
    const receipt = receiptOf(ref, error);
    const recorded = log ? log.record(receipt) : true;
    counts.done += 1;
    if (receipt.ok) counts.ok += 1;
    else counts.failed += 1;
    reporter.outcome(recorded ? receipt : { ...receipt, recorded: false }, counts);
  };

  async function* toDelete(): AsyncGenerator<InputRef> {
    for await (const ref of refs) {
      if (interrupt.drain.aborted) return;
      if (ref.problem) {
        record(ref, new InvalidRequestError(`line ${ref.line}: ${ref.problem}`));
      } else if (skip?.has(ref)) {
        counts.skipped += 1;
      } else if (options.dryRun) {
        try {
          checkJobRef(ref);
          reporter.line(printable(`would delete ${ref.provider} ${ref.kind ?? ''} ${ref.id}`.replace('  ', ' ')));
        } catch (error) {
          record(ref, error);
        }
      } else {
        yield ref;
      }
    }
  }

  try {
    if (options.dryRun) {
      for await (const _ of toDelete()) {
        // dry run: toDelete reports each ref and yields none
      }
    } else {
      await withJobs(
        globals,
        async (jobs) => {
          const run = jobs.deleteEach(toDelete(), {
            concurrency: options.concurrency,
            hard: options.hard,
            drain: interrupt.drain,
            signal: interrupt.abort,
            notFoundIsDeleted: options.resume,
          });
          reporter.rates = (provider) => jobs.rateOf(provider);
          for await (const outcome of run) {
            reporter.vendors.add(outcome.ref.provider);
            record(outcome.ref as InputRef, outcome.ok ? undefined : outcome.error);
          }
        },
        { rate: options.rate, timeoutMs: options.timeout, providers },
      );
    }
  } finally {
    log?.close();
  }

  const parts = [`deleted ${counts.ok}`, `failed ${counts.failed}`];
  if (counts.skipped) parts.push(`skipped ${counts.skipped} (already deleted)`);
  const where = options.receipts && !options.dryRun ? `; receipts in ${printable(options.receipts)}` : '';
  reporter.summary(`${options.dryRun ? 'dry run: ' : ''}${parts.join(', ')} in ${reporter.elapsedSeconds()} s${where}`);
  const resume = `mediajobs delete --from ${options.from ?? '<refs>'} --receipts ${options.receipts ?? '<receipts.jsonl>'} --resume`;
  if (log?.failure) {
    log.report(resume);
    return EXIT.failed;
  }
  if (interrupt.drain.aborted) {
    globals.io.stderr.write(`Interrupted. Resume with: ${printable(resume)}\n`);
    return interrupt.exitCode();
  }
  return counts.failed > 0 ? EXIT.failed : EXIT.ok;
}

/** Adds `mediajobs delete` to the program. */
export function addDeleteCommand(program: Command, { io, setExitCode, globalsOf }: CommandContext): void {
  const command = program
    .command('delete')
    .description('delete jobs given as arguments, or every ref of a JSONL/CSV file (resumable)')
    .argument('[provider]', `one of ${PROVIDERS.join(', ')}`, providerArg)
    .argument('[ids...]', 'job ids')
    .addOption(kindOption());
  // Each kind's own delete options (--hard), from the registry; a kind without one is not sent it.
  for (const { name, owners, option } of kindOptions('delete')) {
    const value = option.type === 'boolean' ? '' : ` <${option.type === 'string' ? 'name' : 'n'}>`;
    command.option(`--${name}${value}`, `${owners}: ${option.description}`);
  }
  command
    .option('--from <file>', 'read refs from a .jsonl or .csv file, or - for stdin')
    .addOption(
      new Option('--format <format>', 'input format (default: by extension, else jsonl)').choices(['jsonl', 'csv']),
    )
    .option('--receipts <file>', 'append one JSON line per ref: {provider, id, kind, ok, error?, line, at}')
    .option('--resume', 'skip refs that already have an ok receipt; count a 404 as deleted')
    .option('--concurrency <n>', 'requests in flight per vendor', positiveInteger, 8)
    .option(
      '--rate <n>',
      "requests per second per vendor, at most (your quota); without it the rate adapts to the vendor's throttling",
      positiveNumber,
    )
    .addOption(timeoutOption())
    .option('--dry-run', 'read and check the refs, send nothing')
    .addHelpText(
      'after',
      `
Examples:
  mediajobs delete tavus 8a4f94e736 --hard
  mediajobs delete tensorslab abcd_1 abcd_2 --kind image
  mediajobs delete --from refs.jsonl --receipts receipts.jsonl --concurrency 32
  mediajobs delete --from refs.jsonl --receipts receipts.jsonl --resume
  mediajobs delete --mock --from refs.csv --receipts receipts.jsonl --dry-run

refs.jsonl: {"provider":"tavus","id":"8a4f94e736"} per line; refs.csv: a header row provider,id,kind.
Ctrl-C, SIGTERM or SIGHUP stops starting new requests, waits for those in flight, writes their receipts,
and prints the command to resume. One run at a time per receipts file (a lock, <file>.lock).`,
    )
    .action(
      async (
        provider: JobRef['provider'] | undefined,
        ids: string[],
        options: DeleteCommandOptions,
        command: Command,
      ) => {
        const globals = globalsOf(command);
        if (options.from) {
          if (provider) throw new UsageError('give refs either as arguments or with --from, not both');
          if (!options.receipts && !options.dryRun)
            throw new UsageError('--from needs --receipts <file> (or --dry-run)');
          checkReadable(options.from);
          const format = formatOf(options.from, options.format);
          const providers = globals.mock ? await providersIn(options.from, format) : PROVIDERS;
          setExitCode(await runDelete(readRefs(options.from, format, io.stdin), providers, options, globals));
          return;
        }
        if (!provider || ids.length === 0)
          throw new UsageError('give a provider and at least one id, or --from <file>');
        if (options.resume) throw new UsageError('--resume goes with --from and --receipts');
        async function* fromArguments(): AsyncGenerator<InputRef> {
          for (const id of ids) yield { provider, id, kind: options.kind } as InputRef;
        }
        setExitCode(await runDelete(fromArguments(), [provider], options, globals));
      },
    );
}
