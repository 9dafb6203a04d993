// `mediajobs list`: a vendor's jobs as JSON lines, the shape `delete --from` reads and a purge's
// snapshot holds.
import type { Job, JobStatus, ListableProvider } from 'mediajobs';
import { EXIT, type GlobalOptions, redactor, withJobs } from './common.js';
import type { Output } from './io.js';
import { printable } from './output.js';
import type { ListedRef } from './snapshot.js';
import { UsageError } from './usage-error.js';

export function listedRefOf(job: Job): ListedRef {
  return {
    provider: job.provider,
    id: job.id,
    // Every vendor that lists (Tavus, Bifrost, A2E) lists videos: the one kind they have.
    kind: job.kind ?? 'video',
    status: job.status,
    ...(job.createdAt ? { createdAt: job.createdAt.toISOString() } : {}),
  };
}

/** Prints (on `stderr`) why a job was left out of a date filter: it never matches one, and it changes no exit code. */
export function reportSkip(stderr: Output): (job: Job, reason: string) => void {
  return (job, reason) =>
    stderr.write(`skipped ${job.provider} ${printable(job.id)}: ${printable(redactor.text(reason))}\n`);
}

export interface ListCommandOptions {
  upstream?: string;
  olderThan?: number;
  newerThan?: number;
  status?: JobStatus[];
  retries?: number;
  retryWait?: number;
  timeout?: number;
  maxJobs?: number;
}

/** `mediajobs list`: one JSON line per job on stdout. */
export async function runList(provider: ListableProvider, options: ListCommandOptions, globals: GlobalOptions) {
  if (provider === 'bifrost' && !options.upstream) {
    throw new UsageError(
      "bifrost lists per upstream provider: pass --upstream openai (or another of the gateway's providers)",
    );
  }
  const now = Date.now();
  await withJobs(
    globals,
    async (jobs) => {
      const listed = jobs.list({
        provider,
        upstream: options.upstream,
        createdBefore: options.olderThan === undefined ? undefined : new Date(now - options.olderThan),
        createdAfter: options.newerThan === undefined ? undefined : new Date(now - options.newerThan),
        status: options.status,
        maxJobs: options.maxJobs,
        onSkip: reportSkip(globals.io.stderr),
      });
      for await (const job of listed) globals.io.stdout.write(`${JSON.stringify(redactor.value(listedRefOf(job)))}\n`);
    },
    { maxRetries: options.retries, retryWaitMs: options.retryWait, timeoutMs: options.timeout, providers: [provider] },
  );
  return EXIT.ok;
}
