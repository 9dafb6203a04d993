// Packages the CLI can use but does not install (the mocks, the ledger): imported when a command needs one.
import { UsageError } from './usage-error.js';

/**
 * An optional peer of the CLI (the mocks, the ledger), imported when a command needs it; where it is
 * not installed, a UsageError (exit 2) says what needs it and how to install it or run it once.
 */
export async function loadOptionalPeer<T>(
  load: () => Promise<T>,
  name: string,
  { needs, example }: { needs: string; example: string },
): Promise<T> {
  try {
    return await load();
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    if (code !== 'ERR_MODULE_NOT_FOUND' || !message.includes(name)) throw error;
    throw new UsageError(
      `${needs}. Install it beside the CLI (npm install -g ${name}, or npm install ${name} in your project), ` +
        `or run once with: npx --yes -p @mediajobs/cli -p ${name} ${example}`,
    );
  }
}
