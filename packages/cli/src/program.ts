// The `mediajobs` program: its commands, and `run`, which runs a command line in this process and
// resolves to its exit code. Importing this file runs nothing. See `mediajobs --help` and README.md.
import { createRequire } from 'node:module';
import { Command, CommanderError } from 'commander';
import { API_KEY_VARIABLES, MediaJobsError, PROVIDERS } from 'mediajobs';
import { addDeleteCommand } from './commands/delete.js';
import { addEraseCommand } from './commands/erase.js';
import { addGetCommand } from './commands/get.js';
import { addKindsCommand } from './commands/kinds.js';
import { addLedgerCommand } from './commands/ledger.js';
import { addListCommand } from './commands/list.js';
import { addMockCommand } from './commands/mock.js';
import { addPurgeCommand } from './commands/purge.js';
import { addRecordCommand } from './commands/record.js';
import type { CommandContext } from './commands/shared.js';
import { addWaitCommand } from './commands/wait.js';
import { EXIT, messageOf, redactEnv } from './common.js';
import { type Io, ioOf } from './io.js';
import { printable } from './output.js';
import { UsageError } from './usage-error.js';

const { version } = createRequire(import.meta.url)('../package.json') as { version: string };

/** "a, b, c and d". */
function inWords(items: readonly string[]): string {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/**
 * The `mediajobs` program: each command is added from its file in commands/; they print and read through
 * `io`, and report their exit code to `setExitCode`.
 */
export function buildProgram(setExitCode: (code: number) => void, io: Io = ioOf()): Command {
  const context: CommandContext = {
    io,
    setExitCode,
    globalsOf: (command) => ({ ...command.optsWithGlobals(), io }),
  };
  const program = new Command('mediajobs')
    .description(`Delete, inspect and wait for AI media-generation jobs on ${inWords(PROVIDERS)}.`)
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
Keys come from ${inWords(Object.values(API_KEY_VARIABLES))}; base URLs from
${inWords(PROVIDERS.map((provider) => `${provider.toUpperCase()}_BASE_URL`))} (a self-hosted gateway needs this).
Exit codes: 0 all ok, 1 some refs failed, 2 usage error (or the receipts file is in use by another
run), 130/143/129 stopped by SIGINT/SIGTERM/SIGHUP (resumable).`,
    );

  addDeleteCommand(program, context);
  addGetCommand(program, context);
  addWaitCommand(program, context);
  addListCommand(program, context);
  addPurgeCommand(program, context);
  addRecordCommand(program, context);
  addEraseCommand(program, context);
  addLedgerCommand(program, context);
  addMockCommand(program, context);
  addKindsCommand(program, context);

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
    // A record or request the ledger refused (LedgerInputError, from the lazily loaded ledger) is a usage error too.
    if (error instanceof UsageError || (error instanceof Error && error.name === 'LedgerInputError')) {
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
