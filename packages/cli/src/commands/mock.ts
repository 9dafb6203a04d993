// `mediajobs mock`: mocks of the vendors, and the environment to use them.
import type { Command } from 'commander';
import { API_KEY_VARIABLES, PROVIDERS, type Provider } from 'mediajobs';
import { loadTesting } from '../common.js';
import { type CommandContext, providerArg, wholeNumber } from './shared.js';

/** Adds `mediajobs mock` to the program. */
export function addMockCommand(program: Command, { io, globalsOf }: CommandContext): void {
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
      // (and remove their temporary logs), not kill the process by signal. Removed at the end: `run`
      // returns to its caller, whose own Ctrl-C must work again.
      let stop = () => {};
      const stopped = new Promise<void>((resolve) => {
        stop = resolve;
      });
      const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
      for (const signal of signals) process.on(signal, stop);
      try {
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
      } finally {
        for (const signal of signals) process.off(signal, stop);
      }
    });
}
