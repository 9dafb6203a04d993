// `mediajobs list` in the test's own process: its help (built from the registry), the usage errors a
// kind's list options give, a listing per upstream against a fault server, and the line a skipped job gets.
import { type FaultServer, seedJobs, startFaultServer } from '@mediajobs/testing';
import type { Job } from 'mediajobs';
import { afterEach, describe, expect, it } from 'vitest';
import { reportSkip } from '../src/list.js';
import { runCli } from './run-cli.js';
import { vendorEnv } from './vendor-env.js';

const KEY = 'list-command-test-key';
const servers: FaultServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.stop()));
});

const envFor = (url: string) => vendorEnv(url, KEY);

/** Usage errors are found before any request: a port nothing listens on is enough. */
const run = (args: string[], env: Record<string, string> = envFor('http://127.0.0.1:9')) => runCli(args, { env });

describe('mediajobs list --help', () => {
  // Commander wraps the options' text to the terminal; the words are what matter.
  const helpText = async () => {
    const { code, stdout } = await run(['list', '--help']);
    expect(code).toBe(0);
    return stdout;
  };
  const flat = (text: string) => text.replace(/\s+/g, ' ');

  it('says what it prints and which vendors it lists', async () => {
    const help = flat(await helpText());
    expect(help).toContain(
      "list a vendor's jobs as JSON lines {provider, id, kind, status, createdAt} (the shape delete --from reads)",
    );
    expect(help).toContain('Arguments: provider tavus, bifrost, a2e Options:');
  });

  it("shows each kind's list option with its value, owners, description, and example where it has one", async () => {
    const help = flat(await helpText());
    expect(help).toContain(
      '--upstream <name> bifrost video, bifrost file, bifrost container: ' +
        "the gateway's upstream provider whose jobs to list (required there), e.g. openai --content-search",
    );
    expect(help).toContain(
      '--tags <name> tavus document: only documents with these tags (comma-separated), e.g. docs,website --participant-tag',
    );
    // An option neither required nor with an example gets nothing after its description.
    expect(help).toContain(
      "--participant-tag <name> tavus memory-store: only the stores of this participant tag (e.g. a user's id) --pal-id <name>",
    );
  });

  it('explains the date and status filters', async () => {
    const help = flat(await helpText());
    expect(help).toContain(
      '--older-than <age> only jobs created before now minus this age (30d, 12h, 90m) --newer-than',
    );
    expect(help).toContain('--newer-than <age> only jobs created after now minus this age --status');
    expect(help).toContain(
      '--status <statuses> only jobs in these statuses (comma-separated: queued,running,succeeded,failed,deleted)',
    );
  });

  it('ends with examples (a plain listing, one per upstream, one piped to delete) and the note on Tavus times', async () => {
    const help = await helpText();
    expect(help).toContain(
      [
        'Examples:',
        '  mediajobs list tavus --older-than 30d > old.jsonl',
        '  mediajobs list bifrost --upstream openai --status failed',
        '  mediajobs list a2e --older-than 90d | mediajobs delete --from - --receipts receipts.jsonl',
        '',
        'Tavus list items carry no creation time: with --older-than/--newer-than each video is read once for it.',
        'A job whose creation time cannot be read is left out, and named on stderr as skipped.',
      ].join('\n'),
    );
  });
});

describe('mediajobs list: usage errors (exit 2)', () => {
  it('a kind that cannot list says why, in the vendor’s words', async () => {
    const { code, stdout, stderr } = await run(['list', 'bifrost', '--kind', 'response']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('mediajobs: bifrost response: the gateway has no list of stored responses');
    expect(stderr).toContain('(see mediajobs list --help)');
  });

  it('a gateway listed without --upstream is told the flag and an example value', async () => {
    const { code, stderr } = await run(['list', 'bifrost']);
    expect(code).toBe(2);
    expect(stderr).toContain(
      "bifrost lists per upstream provider: pass --upstream openai (or another of the gateway's providers)",
    );
  });

  it.each([
    [
      ['--kind', 'memory-store'],
      'tavus memory-store: list has no option --upstream; it takes --participant-tag, --pal-id',
    ],
    [[], 'tavus video: list has no option --upstream; it takes none'],
  ])('a list option the kind does not take names the options it does take (tavus %j)', async (kind, message) => {
    const { code, stderr } = await run(['list', 'tavus', ...kind, '--upstream', 'openai']);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });
});

describe('mediajobs list against a server', () => {
  it('bifrost --upstream openai lists that upstream’s jobs, one JSON line each, exit 0', async () => {
    const seeded = seedJobs({ count: 6, providers: ['bifrost'] });
    const server = await startFaultServer({ jobs: seeded, seed: 7, apiKey: KEY });
    servers.push(server);
    const { code, stdout, stderr } = await run(['list', 'bifrost', '--upstream', 'openai'], envFor(server.url));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const listed = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(listed.map((job) => job.id).sort()).toEqual(seeded.map((job) => job.id).sort());
    expect(listed.every((job) => job.provider === 'bifrost' && job.kind === 'video')).toBe(true);
  });
});

describe('a job left out of a date filter', () => {
  it('is named on stderr with its vendor, id and reason, control characters shown escaped', () => {
    let written = '';
    const skip = reportSkip({ write: (text: string) => (written += text) });
    skip({ provider: 'tavus', id: 'v\u001b1', kind: 'video' } as Job, 'no created_at\nin its answer');
    expect(written).toBe('skipped tavus v\\x1b1: no created_at\\nin its answer\n');
  });
});
