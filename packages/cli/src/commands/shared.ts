// What the commands share: argument parsers, options, a job printed, and the context each command is added with.
import { type Command, InvalidArgumentError, Option } from 'commander';
import {
  JOB_STATUSES,
  type Job,
  type JobRef,
  type JobStatus,
  LISTABLE_PROVIDERS,
  PROVIDERS,
  type Provider,
  vendorOf,
} from 'mediajobs';
import { type GlobalOptions, redactor } from '../common.js';
import type { Io, Output } from '../io.js';
import { printable } from '../output.js';
import { canList, KIND_NAMES, kindsHelp } from '../registry.js';

/** What a command needs from the program: where to print and read, its options, where its exit code goes. */
export interface CommandContext {
  io: Io;
  /** The global options (--mock, --mock-logs, --json) and `io`, for the command being run. */
  globalsOf: (command: Command) => GlobalOptions;
  setExitCode: (code: number) => void;
}

export function providerArg(value: string): JobRef['provider'] {
  if (!(PROVIDERS as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(`use one of ${PROVIDERS.join(', ')}`);
  }
  return value as JobRef['provider'];
}

/** A vendor with a kind that lists (which kind lists is checked once --kind is known). */
export function listableArg(value: string): Provider {
  if ((PROVIDERS as readonly string[]).includes(value) && !canList(value as Provider)) {
    throw new InvalidArgumentError(`${value} has no list endpoint; delete the ids you recorded`);
  }
  if (!(LISTABLE_PROVIDERS as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(`use one of ${LISTABLE_PROVIDERS.join(', ')}`);
  }
  return value as Provider;
}

export function commaList(value: string): string[] {
  const items = value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  if (items.length === 0) throw new InvalidArgumentError('expected one or more names, comma-separated');
  return items;
}

export function providerList(value: string): JobRef['provider'][] {
  return commaList(value).map(providerArg);
}

export function statusList(value: string): JobStatus[] {
  return commaList(value).map((word) => {
    if (!(JOB_STATUSES as readonly string[]).includes(word)) {
      throw new InvalidArgumentError(`unknown status ${word}; use ${JOB_STATUSES.join(', ')}`);
    }
    return word as JobStatus;
  });
}

export function wholeNumber(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number, 0 or more');
  return n;
}

export function positiveNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a number above 0');
  return n;
}

export function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number of at least 1');
  return n;
}

/** `500ms`, `30s`, `10m`, `1h`, or a number of seconds. */
export function duration(value: string): number {
  const match = value.trim().match(/^(\d+(?:\.\d+)?)(ms|s|m|h)?$/);
  if (!match) throw new InvalidArgumentError('expected a duration such as 30s, 10m or 1h');
  const units = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 } as const;
  return Number(match[1]) * units[(match[2] ?? 's') as keyof typeof units];
}

export function printJob(unsafe: Job, json: boolean, stdout: Output) {
  const job = redactor.job(unsafe);
  if (json) {
    stdout.write(`${JSON.stringify(job)}\n`);
    return;
  }
  const progress = job.progress !== undefined ? ` ${job.progress}%` : '';
  // The kind, where the vendor has several (every job carries one; the others' is their only kind).
  const kind = (vendorOf(job.provider)?.kinds.length ?? 0) > 1 && job.kind ? `${job.kind} ` : '';
  const lines = [`${job.provider} ${kind}${printable(job.id)}: ${job.status}${progress}`];
  if (job.error) lines.push(`  error: ${printable(job.error)}`);
  for (const url of job.urls) lines.push(`  ${printable(url)}`);
  stdout.write(`${lines.join('\n')}\n`);
}

/** A command about one job: `<provider> <id> [--kind]`. */
export function oneJobCommand(program: Command, name: string, description: string): Command {
  return program
    .command(name)
    .description(description)
    .argument('<provider>', `one of ${PROVIDERS.join(', ')}`, providerArg)
    .argument('<id>', 'job id')
    .addOption(kindOption());
}

/** --timeout: per request, for the commands that send many. */
export function timeoutOption(): Option {
  return new Option(
    '--timeout <duration>',
    "time limit of one request, the answer's body included (e.g. 30s, 2m; default 60s)",
  ).argParser(duration);
}

/**
 * What the listing commands (list, purge) share: retries, the first wait between them, the time limit
 * of one request, and --max-jobs, past which a listing stops with an error (a vendor that never stops paging).
 */
export function addListingOptions(command: Command): Command {
  return command
    .option('--retries <n>', 'retries per request (default 2; a long run may want more)', wholeNumber)
    .option('--retry-wait <duration>', 'first wait between retries, doubling (default 500ms)', duration)
    .addOption(timeoutOption())
    .addOption(
      new Option(
        '--max-jobs <n>',
        'stop with an error once a vendor has listed more jobs than this (default 1000000)',
      ).argParser(positiveInteger),
    );
}

/** --kind: any vendor's kind; one the vendor lacks is refused (the facade's InvalidRequestError). */
/** --kind for a purge: several kinds, comma-separated, or `all` (every kind that can list). */
export function kindsOption(): Option {
  return new Option(
    '--kind <kinds>',
    `the kinds to purge, comma-separated, or all (every kind that lists); default: each vendor's first (${kindsHelp()})`,
  ).argParser((value: string) => {
    const names = commaList(value);
    for (const name of names) {
      if (name !== 'all' && !KIND_NAMES.includes(name)) {
        throw new InvalidArgumentError(`unknown kind "${name}"; use ${[...KIND_NAMES, 'all'].join(', ')}`);
      }
    }
    return names;
  });
}

export function kindOption(): Option {
  return new Option('--kind <kind>', `the kind of job (default: the vendor's first; ${kindsHelp()})`).choices(
    KIND_NAMES,
  );
}
