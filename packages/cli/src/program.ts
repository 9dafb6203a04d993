// The `mediajobs` program: its commands, and `run`, which runs a command line in this process and
// resolves to its exit code. Importing this file runs nothing. See `mediajobs --help` and README.md.
import { createRequire } from 'node:module';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import {
  API_KEY_VARIABLES,
  checkJobRef,
  InvalidRequestError,
  JOB_STATUSES,
  type Job,
  type JobRef,
  type JobStatus,
  LISTABLE_PROVIDERS,
  type ListableProvider,
  MediaJobsError,
  PROVIDERS,
  type Provider,
} from 'mediajobs';
import {
  EXIT,
  type GlobalOptions,
  type Interrupt,
  loadTesting,
  messageOf,
  onInterrupt,
  receiptOf,
  redactEnv,
  redactor,
  withJobs,
} from './common.js';
import { checkReadable, countRefs, formatOf, type InputRef, providersIn, readRefs } from './input.js';
import { type Io, ioOf, type Output } from './io.js';
import { type ListCommandOptions, runList } from './list.js';
import { lockFile } from './lock.js';
import { type Counts, printable, Reporter } from './output.js';
import { type PurgeCommandOptions, runPurge } from './purge.js';
import { ReceiptLog } from './receipt-log.js';
import { OkReceipts, ReceiptWriter } from './receipts.js';
import { age } from './snapshot.js';
import { UsageError } from './usage-error.js';

const { version } = createRequire(import.meta.url)('../package.json') as { version: string };

function providerArg(value: string): JobRef['provider'] {
  if (!(PROVIDERS as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(`use one of ${PROVIDERS.join(', ')}`);
  }
  return value as JobRef['provider'];
}

function listableArg(value: string): ListableProvider {
  if (value === 'tensorslab')
    throw new InvalidArgumentError('TensorsLab has no list endpoint; delete the ids you recorded');
  if (!(LISTABLE_PROVIDERS as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(`use one of ${LISTABLE_PROVIDERS.join(', ')}`);
  }
  return value as ListableProvider;
}

function commaList(value: string): string[] {
  const items = value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  if (items.length === 0) throw new InvalidArgumentError('expected one or more names, comma-separated');
  return items;
}

function providerList(value: string): JobRef['provider'][] {
  return commaList(value).map(providerArg);
}

function statusList(value: string): JobStatus[] {
  return commaList(value).map((word) => {
    if (!(JOB_STATUSES as readonly string[]).includes(word)) {
      throw new InvalidArgumentError(`unknown status ${word}; use ${JOB_STATUSES.join(', ')}`);
    }
    return word as JobStatus;
  });
}

function wholeNumber(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number, 0 or more');
  return n;
}

function positiveNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a number above 0');
  return n;
}

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number of at least 1');
  return n;
}

/** `500ms`, `30s`, `10m`, `1h`, or a number of seconds. */
function duration(value: string): number {
  const match = value.trim().match(/^(\d+(?:\.\d+)?)(ms|s|m|h)?$/);
  if (!match) throw new InvalidArgumentError('expected a duration such as 30s, 10m or 1h');
  const units = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 } as const;
  return Number(match[1]) * units[(match[2] ?? 's') as keyof typeof units];
}

interface DeleteCommandOptions {
  kind?: 'video' | 'image';
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

function printJob(unsafe: Job, json: boolean, stdout: Output) {
  const job = redactor.job(unsafe);
  if (json) {
    stdout.write(`${JSON.stringify(job)}\n`);
    return;
  }
  const progress = job.progress !== undefined ? ` ${job.progress}%` : '';
  const lines = [`${job.provider} ${job.kind ? `${job.kind} ` : ''}${printable(job.id)}: ${job.status}${progress}`];
  if (job.error) lines.push(`  error: ${printable(job.error)}`);
  for (const url of job.urls) lines.push(`  ${printable(url)}`);
  stdout.write(`${lines.join('\n')}\n`);
}

/** A command about one job: `<provider> <id> [--kind]`. */
function oneJobCommand(program: Command, name: string, description: string): Command {
  return program
    .command(name)
    .description(description)
    .argument('<provider>', `one of ${PROVIDERS.join(', ')}`, providerArg)
    .argument('<id>', 'job id')
    .addOption(kindOption());
}

/** --timeout: per request, for the commands that send many. */
function timeoutOption(): Option {
  return new Option(
    '--timeout <duration>',
    "time limit of one request, the answer's body included (e.g. 30s, 2m; default 60s)",
  ).argParser(duration);
}

/** --max-jobs: a listing that passes it stops with an error (a vendor that never stops paging). */
function maxJobsOption(): Option {
  return new Option(
    '--max-jobs <n>',
    'stop with an error once a vendor has listed more jobs than this (default 1000000)',
  ).argParser(positiveInteger);
}

function kindOption(): Option {
  return new Option('--kind <kind>', 'TensorsLab task kind').choices(['video', 'image']);
}

/** The `mediajobs` program; its commands print and read through `io`, and report their exit code to `setExitCode`. */
export function buildProgram(setExitCode: (code: number) => void, io: Io = ioOf()): Command {
  const globalsOf = (command: Command): GlobalOptions => ({ ...command.optsWithGlobals(), io });
  const program = new Command('mediajobs')
    .description('Delete, inspect and wait for AI media-generation jobs on TensorsLab, Tavus, Bifrost and A2E.')
    .version(version)
    .option(
      '--mock',
      'run against mocks of the vendors the command needs: requests checked against the specs by Prism, jobs kept in memory (no keys needed)',
    )
    .option(
      '--mock-logs <dir>',
      "keep --mock's logs in this folder (default: a temporary folder, removed when they stop)",
    )
    .option('--json', 'print JSON lines on stdout')
    .configureHelp({ showGlobalOptions: true })
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      getOutHelpWidth: () => (io.stdout.isTTY ? io.stdout.columns : undefined) as number,
      getErrHelpWidth: () => (io.stderr.isTTY ? io.stderr.columns : undefined) as number,
    })
    .addHelpText(
      'after',
      `
Keys come from TENSORSLAB_API_KEY, TAVUS_API_KEY, BIFROST_API_KEY and A2E_API_KEY; base URLs from
TENSORSLAB_BASE_URL, TAVUS_BASE_URL, BIFROST_BASE_URL and A2E_BASE_URL (a self-hosted Bifrost needs this).
Exit codes: 0 all ok, 1 some refs failed, 2 usage error (or the receipts file is in use by another
run), 130/143/129 stopped by SIGINT/SIGTERM/SIGHUP (resumable).`,
    );

  program
    .command('delete')
    .description('delete jobs given as arguments, or every ref of a JSONL/CSV file (resumable)')
    .argument('[provider]', `one of ${PROVIDERS.join(', ')}`, providerArg)
    .argument('[ids...]', 'job ids')
    .addOption(kindOption())
    .option('--hard', 'Tavus: also delete the assets, irrevocably')
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
          for (const id of ids) yield { provider: provider as JobRef['provider'], id, kind: options.kind };
        }
        setExitCode(await runDelete(fromArguments(), [provider], options, globals));
      },
    );

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
        const job = await withJobs(globals, (jobs) => jobs.get({ provider, id, kind: options.kind }), {
          providers: [provider],
          timeoutMs: options.timeout,
        });
        printJob(job, Boolean(globals.json), io.stdout);
      },
    );

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
              jobs.wait({ provider, id, kind: options.kind }, { timeoutMs: options.timeout, signal: abort.signal }),
            { providers: [provider] },
          );
          printJob(job, Boolean(globals.json), io.stdout);
          setExitCode(job.status === 'failed' ? EXIT.failed : EXIT.ok);
        } finally {
          process.off('SIGINT', onSigint);
        }
      },
    );

  program
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
    )
    .option('--retries <n>', 'retries per request (default 2)', wholeNumber)
    .option('--retry-wait <duration>', 'first wait between retries, doubling (default 500ms)', duration)
    .addOption(timeoutOption())
    .addOption(maxJobsOption())
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

  program
    .command('purge')
    .description('delete every job older than an age: list into a snapshot, delete with receipts, verify (resumable)')
    .option(
      '--older-than <age>',
      "delete jobs created before now minus this age (30d, 12h, 90m; a unit is required; with --resume, the snapshot's)",
      age,
    )
    .option(
      '--provider <providers>',
      'comma-separated (default: every vendor that can list and has a key set)',
      providerList,
    )
    .option(
      '--upstream <names>',
      'Bifrost: the gateway providers whose jobs to purge, comma-separated (required for bifrost)',
      commaList,
    )
    .option('--dry-run', 'list and write the snapshot for review; delete nothing')
    .option('--yes', 'delete without asking (needed when not on a terminal)')
    .option(
      '--receipts <file>',
      'one JSON line per ref; the snapshot goes to <file>.snapshot.jsonl',
      'mediajobs-purge.jsonl',
    )
    .option(
      '--resume',
      'delete from the existing snapshot with its filter, skipping refs with an ok receipt; count a 404 as deleted',
    )
    .option('--hard', 'Tavus: delete assets too, and delete videos already soft-deleted (skipped otherwise)')
    .option('--concurrency <n>', 'requests in flight per vendor', positiveInteger, 8)
    .option('--rate <n>', 'requests per second per vendor, at most', positiveNumber)
    .option('--retries <n>', 'retries per request (default 2; a long purge may want more)', wholeNumber)
    .option('--retry-wait <duration>', 'first wait between retries, doubling (default 500ms)', duration)
    .addOption(timeoutOption())
    .addOption(maxJobsOption())
    .addHelpText(
      'after',
      `
Examples:
  mediajobs purge --older-than 30d --dry-run           # review mediajobs-purge.jsonl.snapshot.jsonl
  mediajobs purge --resume --yes                       # delete what the reviewed snapshot lists
  mediajobs purge --older-than 90d --provider tavus,bifrost --upstream openai --yes --json

The listing comes first and is written whole to the snapshot before any delete, so pages that shift
as jobs are deleted cannot hide one. The snapshot's first line records its filter (cutoff, vendors,
upstreams, kinds, --hard): --resume deletes with that filter, and refuses one that differs. A job
outside the filter is never deleted. One run at a time per receipts file (a lock, <file>.lock).
Each deleted job is read back; "verified" in its receipt means the vendor reports it deleted or
gone. TensorsLab cannot list: it is named in the summary and left alone.
Exit codes: 0 all deleted and verified, 1 some failed or a vendor could not be purged, 2 usage error,
no confirmation or another run on the same files, 130/143/129 stopped by SIGINT/SIGTERM/SIGHUP
(resume with --resume).`,
    )
    .action(async (options: PurgeCommandOptions, command: Command) => {
      setExitCode(await runPurge(options, globalsOf(command)));
    });

  program
    .command('mock')
    .description('start mocks of the vendors (all by default) and print the environment to use them')
    .argument('[providers...]', `any of ${PROVIDERS.join(', ')}`, (value: string, previous: Provider[] = []) => [
      ...previous,
      providerArg(value),
    ])
    .option('--port <n>', 'the first port; each vendor takes the next one (default: free ports)', wholeNumber)
    .addHelpText(
      'after',
      `
Examples:
  mediajobs mock                 # then, in another shell, paste the printed exports
  mediajobs mock tavus --port 4010
Ctrl-C stops them. Their logs go to --mock-logs <dir>, else to a temporary folder (printed), removed when they stop.`,
    )
    .action(async (providers: Provider[], options: { port?: number }, command: Command) => {
      const { startMockVendors } = await loadTesting();
      const globals = globalsOf(command);
      // Listened for before anything is printed: a Ctrl-C right after the exports must stop the mocks
      // (and remove their temporary logs), not kill the process by signal.
      const stopped = new Promise<void>((resolve) => {
        for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, () => resolve());
      });
      const mocks = await startMockVendors({
        providers: providers.length > 0 ? providers : PROVIDERS,
        port: options.port,
        logDir: globals.mockLogs,
      });
      const started = PROVIDERS.filter((provider) => mocks.baseUrls[provider]);
      io.stdout.write(
        [
          `Mocks of ${started.join(', ')} are running on 127.0.0.1 (Ctrl-C stops them); logs in ${mocks.logDir}. To use them:`,
          `export ${started.map((provider) => `${provider.toUpperCase()}_BASE_URL=${mocks.baseUrls[provider]}`).join(' ')}`,
          `export ${started.map((provider) => `${API_KEY_VARIABLES[provider]}=${mocks.apiKey}`).join(' ')}`,
          '',
        ].join('\n'),
      );
      await stopped;
      await mocks.stop();
    });

  // A usage error is the error and one line on where help is (as git and npm do), not the whole help.
  for (const command of [program, ...program.commands]) {
    const name = command === program ? 'mediajobs' : `mediajobs ${command.name()}`;
    command.showHelpAfterError(`(see ${name} --help)`);
  }
  return program;
}

/**
 * Runs a command line (`process.argv`'s shape: node, script, then the arguments) in this process;
 * resolves to the exit code. It prints to `io.stdout` and `io.stderr`, reads `io.env` and `io.stdin`
 * (each the process's own when left out), and never exits the process. Signals (Ctrl-C) still stop a
 * bulk run gently, as they do the command.
 */
export async function run(argv: readonly string[], options: Partial<Io> = {}): Promise<number> {
  const io = ioOf(options);
  let exitCode: number = EXIT.ok;
  const program = buildProgram((code) => {
    exitCode = code;
  }, io);
  const forget = redactEnv(io.env);
  /** Where help is for the command being run, for a usage error found while it runs. */
  let usageHint = 'mediajobs --help';
  program.hook('preAction', (_, action) => {
    usageHint = `mediajobs ${action.name()} --help`;
  });
  try {
    await program.parseAsync([...argv]);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here too, with exit code 0.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof UsageError) {
      io.stderr.write(`mediajobs: ${printable(error.message)}\n(see ${usageHint})\n`);
      return EXIT.usage;
    }
    const name = MediaJobsError.isInstance(error) ? `${error.name}: ` : '';
    io.stderr.write(`mediajobs: ${name}${printable(messageOf(error))}\n`);
    return EXIT.failed;
  } finally {
    forget();
  }
}
