// `mediajobs ledger stats` and `mediajobs ledger report <request>`: what the ledger holds, and the
// evidence of one erasure request.
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { loadLedger, withLedger } from '../ledger.js';
import { printable } from '../output.js';
import { ledgerOption } from './record.js';
import type { CommandContext } from './shared.js';

/** Adds `mediajobs ledger` and its subcommands to the program. */
export function addLedgerCommand(program: Command, { io, globalsOf }: CommandContext): void {
  const ledger = program
    .command('ledger')
    .description('what the ledger of created resources holds, and erasure reports');
  ledger
    .command('stats')
    .description('counts: subjects, resources per vendor and kind, erased, erasure requests')
    .addOption(ledgerOption())
    .action(async (options: { ledger?: string }, command: Command) => {
      const { json } = globalsOf(command);
      await withLedger(options, io.env, io.stderr, async (opened) => {
        const stats = await opened.stats();
        if (json) return void io.stdout.write(`${JSON.stringify(stats)}\n`);
        const lines = [
          `ledger ${stats.ledger}`,
          `${stats.subjects} subjects, ${stats.resources} resources (${stats.erased} erased)`,
          ...stats.kinds.map((k) => `  ${k.provider} ${k.kind}: ${k.resources} (${k.erased} erased)`),
          `${stats.erasures.total} erasure requests (${stats.erasures.unfinished} unfinished)`,
        ];
        io.stdout.write(`${lines.map(printable).join('\n')}\n`);
      });
    });
  ledger
    .command('report')
    .description("an erasure request's report: a summary, or JSON with --json")
    .argument('<request>', 'the erasure request id (erase prints it)')
    .option('--out <file>', 'also write the report (JSON) to this file')
    .addOption(ledgerOption())
    .action(async (request: string, options: { ledger?: string; out?: string }, command: Command) => {
      const { json } = globalsOf(command);
      await withLedger(options, io.env, io.stderr, async (opened) => {
        const { summarize } = await loadLedger();
        const report = await opened.report(request);
        if (options.out) writeFileSync(options.out, `${JSON.stringify(report, null, 2)}\n`, { mode: 0o600 });
        io.stdout.write(json ? `${JSON.stringify(report)}\n` : summarize(report).split('\n').map(printable).join('\n'));
      });
    });
}
