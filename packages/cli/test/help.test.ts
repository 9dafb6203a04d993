// What `mediajobs --help` and each command's --help tell a user, in the test's own process: every
// command, argument and option says what it is, the program names its vendors and their variables,
// and help fits the terminal it is printed to.
import type { Command } from 'commander';
import { API_KEY_VARIABLES, PROVIDERS, vendors } from 'mediajobs';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../src/program.js';
import { runCli } from './run-cli.js';

const env = { PATH: process.env.PATH ?? '' };

/** The program's help and each command's, as a user gets them. */
async function helpOf(args: string[]): Promise<string> {
  const { code, stdout } = await runCli([...args, '--help'], { env });
  expect(code).toBe(0);
  return stdout;
}

/** Every command with the words that run it: `purge`, `ledger stats`... */
const everyCommand = (parent: Command, path: string[] = []): [string, Command][] =>
  parent.commands.flatMap((command) => {
    const words = [...path, command.name()];
    return [[words.join(' '), command] as [string, Command], ...everyCommand(command, words)];
  });
/** The commands' names, for the titles; each test builds the program again, so that what it reads is built in it. */
const names = everyCommand(buildProgram(() => {})).map(([name]) => name);

describe('every command says what it is and what each of its options does', () => {
  it.each(names)('%s', async (name) => {
    const help = await helpOf(name.split(' '));
    const described = new Map(everyCommand(buildProgram(() => {}))).get(name) as Command;
    expect(described.description().length).toBeGreaterThan(10);
    expect(help).toContain(described.description().slice(0, 40));
    for (const argument of described.registeredArguments) {
      expect(argument.description, `${name} <${argument.name()}>`).toMatch(/\w{3}/);
      expect(help).toContain(argument.description.slice(0, 30));
    }
    for (const option of described.options) {
      expect(option.description, `${name} ${option.flags}`).toMatch(/\w{3}/);
      expect(help).toContain(option.flags);
    }
  });

  it('every command run on its own (not a group of commands) shows examples', async () => {
    const runnable = buildProgram(() => {}).commands.filter((command) => command.commands.length === 0);
    expect(runnable.length).toBeGreaterThan(5);
    for (const command of runnable) expect(await helpOf([command.name()]), command.name()).toContain('Examples:');
  });

  it('the program lists every command, and says what each of its own options does', async () => {
    const help = await helpOf([]);
    const program = buildProgram(() => {});
    for (const command of program.commands) expect(help).toContain(command.name());
    for (const option of program.options) {
      expect(option.description, option.flags).toMatch(/\w{3}/);
      expect(help.replace(/\s+/g, ' ')).toContain(option.description.slice(0, 30));
    }
  });
});

describe('mediajobs --help', () => {
  it('names the vendors, their key and base-URL variables in words, and the exit codes', async () => {
    const help = await helpOf([]);
    expect(help).toContain('Usage: mediajobs [options] [command]');
    expect(help.replace(/\s+/g, ' ')).toContain(
      'Delete, inspect and wait for AI media-generation jobs on tensorslab, tavus, bifrost and a2e.',
    );
    expect(Object.values(API_KEY_VARIABLES)).toHaveLength(PROVIDERS.length);
    expect(help).toContain(
      'Keys come from TENSORSLAB_API_KEY, TAVUS_API_KEY, BIFROST_API_KEY and A2E_API_KEY; base URLs from\nTENSORSLAB_BASE_URL, TAVUS_BASE_URL, BIFROST_BASE_URL and A2E_BASE_URL (a self-hosted gateway needs this).',
    );
    expect(help).toContain('130/143/129 stopped by SIGINT/SIGTERM/SIGHUP (resumable)');
  });

  it('--kind names every vendor’s kinds, as the registry has them', async () => {
    const help = await helpOf(['purge']);
    const oneLine = help.replace(/\s+/g, ' ');
    for (const vendor of vendors) {
      expect(oneLine).toContain(`${vendor.provider}: ${vendor.kinds.map((kind) => kind.name).join(', ')}`);
    }
  });
});

describe('help fits the terminal', () => {
  /** The line of the help that shows --mock: its description is longer than 80 columns. */
  const mockLine = (help: string) => help.split('\n').find((line) => line.trimStart().startsWith('--mock '));
  const whole = 'requests checked against the specs by Prism, jobs kept in memory (no keys needed)';
  const runWith = (args: string[], { isTTY, columns }: { isTTY: boolean; columns: number }) =>
    runCli(args, { env, terminal: { stdout: isTTY, stderr: isTTY, columns } });

  it('on a wide terminal, an option is one line; piped, it wraps at 80 columns (a pipe has no width)', async () => {
    const wide = await runWith(['--help'], { isTTY: true, columns: 250 });
    const piped = await runWith(['--help'], { isTTY: false, columns: 250 });
    expect(mockLine(wide.stdout)).toContain(whole);
    expect(mockLine(piped.stdout)).not.toContain(whole);
    expect(mockLine(piped.stdout)?.length).toBeLessThanOrEqual(80);
  });

  it('help printed on stderr (no command given) fits stderr’s terminal the same way', async () => {
    const wide = await runWith([], { isTTY: true, columns: 250 });
    const piped = await runWith([], { isTTY: false, columns: 250 });
    expect(wide.stderr).toContain('Usage: mediajobs');
    expect(mockLine(wide.stderr)).toContain(whole);
    expect(mockLine(piped.stderr)).not.toContain(whole);
  });
});
