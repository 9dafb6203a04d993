// `mediajobs list`: a vendor's jobs as JSON lines, the shape `delete --from` reads and a purge's
// snapshot holds.
import type { Job, JobStatus, ListOptions, Provider } from 'mediajobs';
import { EXIT, type GlobalOptions, redactor, withJobs } from './common.js';
import type { Output } from './io.js';
import { printable } from './output.js';
import { flagOf, kindFor, kindOptions, perValueOption } from './registry.js';
import type { ListedRef } from './snapshot.js';
import { UsageError } from './usage-error.js';

export function listedRefOf(job: Job): ListedRef {
  return {
    provider: job.provider,
    id: job.id,
    kind: job.kind,
    status: job.status,
    ...(job.createdAt ? { createdAt: job.createdAt.toISOString() } : {}),
  } as ListedRef;
}

/** Prints (on `stderr`) why a job was left out of a date filter: it never matches one, and it changes no exit code. */
export function reportSkip(stderr: Output): (job: Job, reason: string) => void {
  return (job, reason) =>
    stderr.write(`skipped ${job.provider} ${printable(job.id)}: ${printable(redactor.text(reason))}\n`);
}

export interface ListCommandOptions {
  kind?: string;
  /** The kinds' own list options (--upstream...), by name. */
  [option: string]: unknown;
  olderThan?: number;
  newerThan?: number;
  status?: JobStatus[];
  retries?: number;
  retryWait?: number;
  timeout?: number;
  maxJobs?: number;
}

/** `mediajobs list`: one JSON line per job on stdout. */
export async function runList(provider: Provider, options: ListCommandOptions, globals: GlobalOptions) {
  const { kind } = kindFor(provider, options.kind);
  if (!kind.list) throw new UsageError(`${provider} ${kind.name}: ${kind.cannotList ?? 'it cannot list'}`);
  const perValue = perValueOption(kind);
  if (perValue && options[perValue.name] === undefined) {
    const example = perValue.option.example ?? `<${perValue.name}>`;
    throw new UsageError(
      `${provider} lists per ${perValue.name} provider: pass --${perValue.name} ${example} (or another of the gateway's providers)`,
    );
  }
  // The kind's own list options as given; one it does not take is refused, naming those it takes.
  const given: Record<string, unknown> = {};
  for (const { name } of kindOptions('list')) {
    if (options[name] === undefined) continue;
    if (!Object.hasOwn(kind.listOptions, name)) {
      const takes = Object.keys(kind.listOptions).map((option) => `--${flagOf(option)}`);
      throw new UsageError(
        `${provider} ${kind.name}: list has no option --${flagOf(name)}; ${takes.length > 0 ? `it takes ${takes.join(', ')}` : 'it takes none'}`,
      );
    }
    given[name] = options[name];
  }
  const now = Date.now();
  await withJobs(
    globals,
    async (jobs) => {
      const listed = jobs.list({
        kindOptions: given as ListOptions['kindOptions'],
        provider,
        kind: kind.name,
        createdBefore: options.olderThan === undefined ? undefined : new Date(now - options.olderThan),
        createdAfter: options.newerThan === undefined ? undefined : new Date(now - options.newerThan),
        status: options.status,
        maxJobs: options.maxJobs,
        onSkip: reportSkip(globals.io.stderr),
      } as ListOptions);
      for await (const job of listed) globals.io.stdout.write(`${JSON.stringify(redactor.value(listedRefOf(job)))}\n`);
    },
    { maxRetries: options.retries, retryWaitMs: options.retryWait, timeoutMs: options.timeout, providers: [provider] },
  );
  return EXIT.ok;
}
