// `mediajobs erase --subject <s>`: deletes everything the ledger recorded for one person, reads each
// back, and keeps the evidence (a report per erasure request, in the ledger and in a file if asked).
import { writeFileSync } from 'node:fs';
import { createInterface as createPrompt } from 'node:readline/promises';
import type { ErasureOutcome, Ledger, LedgerResource } from '@mediajobs/ledger';
import type { Command } from 'commander';
import { PROVIDERS, type Provider } from 'mediajobs';
import { EXIT, type GlobalOptions, onInterrupt, redactor, withJobs } from '../common.js';
import type { Io } from '../io.js';
import { loadLedger, withLedger } from '../ledger.js';
import { printable } from '../output.js';
import { UsageError } from '../usage-error.js';
import { ledgerOption } from './record.js';
import { type CommandContext, positiveInteger, positiveNumber, timeoutOption } from './shared.js';

interface EraseCommandOptions {
  subject?: string;
  dryRun?: boolean;
  yes?: boolean;
  hard?: boolean;
  report?: string;
  concurrency: number;
  rate?: number;
  timeout?: number;
  ledger?: string;
}

/** Adds `mediajobs erase` to the program. */
export function addEraseCommand(program: Command, { io, globalsOf, setExitCode }: CommandContext): void {
  program
    .command('erase')
    .description('erase everything the ledger recorded for a person, at every vendor, with a report')
    .requiredOption('--subject <subject>', 'whose resources: the user id or email they were recorded with')
    .option('--dry-run', 'list what would be erased; delete nothing')
    .option('--yes', 'erase without asking (needed when not on a terminal)')
    .option('--hard', 'also delete assets irrevocably, for the kinds that take it (see `mediajobs kinds`)')
    .option('--report <file>', "write the erasure's report (JSON) to this file")
    .option('--concurrency <n>', 'resources in flight at once, per vendor (1 to 8)', positiveInteger, 4)
    .option('--rate <n>', 'requests per second per vendor, at most', positiveNumber)
    .addOption(timeoutOption())
    .addOption(ledgerOption())
    .addHelpText(
      'after',
      `
Examples:
  mediajobs erase --subject user-42 --dry-run
  mediajobs erase --subject user-42 --yes --report erasure-user-42.json
Stopped (Ctrl-C, SIGTERM, a crash), the same command resumes the erasure: nothing recorded is
erased twice, and a resource deleted before the stop reads as "already gone".
Exit codes: 0 everything erased and read back, 1 some failed or could not be confirmed gone,
2 usage (or refused without --yes), 130/143/129 stopped (resumable).`,
    )
    .action(async (options: EraseCommandOptions, command: Command) => {
      const globals = globalsOf(command);
      if (options.concurrency > 8) throw new UsageError('--concurrency is at most 8 per vendor');
      setExitCode(await withLedger(options, io.env, io.stderr, (ledger) => runErase(ledger, options, globals)));
    });
}

async function runErase(ledger: Ledger, options: EraseCommandOptions, globals: GlobalOptions): Promise<number> {
  const { io } = globals;
  const json = Boolean(globals.json);
  const subject = options.subject as string;
  const recorded = await ledger.find(subject);
  const toErase = recorded.filter((resource) => resource.erasedAt === undefined);
  if (options.dryRun) {
    printPlan(io, json, recorded, toErase);
    return EXIT.ok;
  }
  if (toErase.length > 0 && !options.yes && !(await confirmed(io, toErase))) return EXIT.usage;
  const interrupt = onInterrupt(io.stderr);
  try {
    const providers = PROVIDERS.filter((provider) => toErase.some((resource) => resource.provider === provider));
    const request = await withJobs(
      globals,
      async (jobs) => {
        const erasure = ledger.erase(subject, jobs, {
          hard: options.hard,
          concurrency: options.concurrency,
          drain: interrupt.drain,
          signal: interrupt.abort,
        });
        let done = 0;
        for await (const outcome of erasure) {
          done += 1;
          printOutcome(io, json, outcome);
          if (io.stderr.isTTY && !json && done % 10 === 0) io.stderr.write(`\rerasing: ${done} of ${toErase.length}`);
        }
        if (io.stderr.isTTY && !json && done >= 10) io.stderr.write('\n');
        return erasure.request as string;
      },
      {
        rate: options.rate,
        timeoutMs: options.timeout,
        providers: providers.length > 0 ? providers : ([...PROVIDERS] as Provider[]),
      },
    );
    const report = await ledger.report(request);
    if (options.report) writeFileSync(options.report, `${JSON.stringify(report, null, 2)}\n`, { mode: 0o600 });
    const { summarize } = await loadLedger();
    if (json) {
      const { resources: _, ...summary } = report;
      io.stdout.write(
        `${JSON.stringify({ type: 'report', ...summary, ...(options.report && { file: options.report }) })}\n`,
      );
    } else {
      io.stdout.write(summarize(report).split('\n').map(printable).join('\n'));
      if (options.report) io.stdout.write(`Report: ${printable(options.report)}\n`);
    }
    if (interrupt.drain.aborted) {
      io.stderr.write(`Interrupted. Resume with the same command (request ${request}).\n`);
      return interrupt.exitCode();
    }
    return report.complete ? EXIT.ok : EXIT.failed;
  } finally {
    interrupt.stop();
  }
}

function printOutcome(io: Io, json: boolean, outcome: ErasureOutcome) {
  if (json) {
    io.stdout.write(`${redactor.text(JSON.stringify({ type: 'outcome', ...outcome }))}\n`);
    return;
  }
  if (outcome.outcome === 'failed' || outcome.verified === false) {
    const why = outcome.error ? `${outcome.error.class}: ${outcome.error.message}` : 'still there when read back';
    io.stdout.write(
      `${printable(redactor.text(`${outcome.provider} ${outcome.kind} ${outcome.id}: ${outcome.outcome}, ${why}`))}\n`,
    );
  }
}

function printPlan(io: Io, json: boolean, recorded: LedgerResource[], toErase: LedgerResource[]) {
  if (json) {
    for (const r of recorded) {
      io.stdout.write(
        `${JSON.stringify({ type: 'resource', provider: r.provider, kind: r.kind, id: r.id, createdAt: r.createdAt, ...(r.erasedAt && { erasedAt: r.erasedAt }) })}\n`,
      );
    }
    return;
  }
  for (const r of toErase)
    io.stdout.write(`${printable(`${r.provider} ${r.kind} ${r.id}`)} (created ${r.createdAt.toISOString()})\n`);
  io.stdout.write(
    `dry run: ${toErase.length} would be erased (${countsOf(toErase)}); ${recorded.length - toErase.length} of ${recorded.length} recorded are erased already\n`,
  );
}

/** "tavus 3, a2e 1". */
function countsOf(resources: readonly LedgerResource[]): string {
  const counts = new Map<string, number>();
  for (const r of resources) counts.set(r.provider, (counts.get(r.provider) ?? 0) + 1);
  return [...counts].map(([provider, n]) => `${provider} ${n}`).join(', ') || 'none';
}

/** On a terminal, asks; anywhere else, refuses (an erasure deletes for good). */
async function confirmed(io: Io, toErase: LedgerResource[]): Promise<boolean> {
  if (!io.stdin.isTTY || !io.stderr.isTTY) {
    io.stderr.write(
      `mediajobs: refusing to erase ${toErase.length} resources (${countsOf(toErase)}) without --yes when not on a terminal. Review them with --dry-run, then run again with --yes.\n`,
    );
    return false;
  }
  const prompt = createPrompt({ input: io.stdin, output: io.stderr as NodeJS.WritableStream });
  try {
    const answer = await prompt.question(`Erase ${toErase.length} resources (${countsOf(toErase)}) for good? [y/N] `);
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    prompt.close();
  }
}
