import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';
import { listenersOf, signalCommand } from './signals.js';
import { tempFolder } from './temp-folder.js';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
type Signal = (typeof SIGNALS)[number];
const env = { PATH: process.env.PATH ?? '' };
const listenerCounts = () => SIGNALS.map((signal) => process.listenerCount(signal));

/** Runs `mediajobs mock ...args` until it has printed its exports (or ended). */
async function startMock(args: string[]) {
  const logs = tempFolder('mock-command-');
  const before = new Map(SIGNALS.map((signal) => [signal, listenersOf(signal)]));
  const output = { stdout: '' };
  let ended = false;
  const running = runCli(['mock', ...args, '--mock-logs', logs], {
    env,
    onStdout: (text) => {
      output.stdout += text;
    },
  }).finally(() => {
    ended = true;
  });
  for (let waited = 0; !ended && !output.stdout.includes('_API_KEY='); waited += 25) {
    if (waited > 20_000) {
      signalCommand('SIGINT', before.get('SIGINT') ?? new Set());
      throw new Error(`mediajobs mock printed no exports in 20 s: ${(await running).stderr}`);
    }
    await sleep(25);
  }
  return {
    logs,
    output,
    /** Sends `signal` as a Ctrl-C (or a container's stop) would; resolves to the exit code. */
    stop: async (signal: Signal) => {
      signalCommand(signal, before.get(signal) ?? new Set());
      return (await running).code;
    },
  };
}

/** The variables the printed `export` lines set. */
const exportsOf = (stdout: string) =>
  Object.fromEntries(
    stdout
      .split('\n')
      .filter((line) => line.startsWith('export '))
      .flatMap((line) => line.slice('export '.length).split(' '))
      .map((pair) => pair.split('=') as [string, string]),
  );

describe('mediajobs mock', () => {
  it('starts the vendors asked for and prints exports the CLI works with; a signal stops them', async () => {
    const counts = listenerCounts();
    const mock = await startMock(['tavus', 'a2e']);
    const [said, urls, keys] = mock.output.stdout.split('\n');
    expect(said).toBe(
      `Mocks of tavus, a2e are running on 127.0.0.1 (Ctrl-C stops them); logs in ${mock.logs}. To use them:`,
    );
    expect(urls).toMatch(/^export TAVUS_BASE_URL=http:\/\/127\.0\.0\.1:\d+ A2E_BASE_URL=http:\/\/127\.0\.0\.1:\d+$/);
    expect(keys).toBe('export TAVUS_API_KEY=mock-key A2E_API_KEY=mock-key');

    const exported = exportsOf(mock.output.stdout);
    const got = await runCli(['get', 'tavus', '8a4f94e736', '--json'], { env: { ...env, ...exported } });
    expect(got.code).toBe(0);
    expect(JSON.parse(got.stdout)).toMatchObject({ provider: 'tavus', id: '8a4f94e736' });

    expect(await mock.stop('SIGTERM')).toBe(0);
    // Stopped: its port refuses, and the caller's Ctrl-C is its own again (no listener left behind).
    await expect(fetch(`${exported.TAVUS_BASE_URL}/v2/videos`)).rejects.toThrow();
    expect(listenerCounts()).toEqual(counts);
  });

  it('a vendor it has no mock for is a usage error naming the vendors; nothing starts or stays', async () => {
    const counts = listenerCounts();
    const { code, stderr } = await runCli(['mock', 'tavus', 'nope'], { env });
    expect(code).toBe(2);
    expect(stderr).toContain('use one of tensorslab, tavus, bifrost, a2e');
    expect(listenerCounts()).toEqual(counts);
  });
});
