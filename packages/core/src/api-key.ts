import { AuthenticationError, type Provider } from './errors.js';

export interface ApiKeySource {
  provider: Provider;
  /** The key given to the factory, if any; it wins over the environment. */
  apiKey?: string;
  /** The environment variable read, at request time, when no key was given. */
  envVar: string;
}

/**
 * Finds the API key at request time, so that constructing a client never throws and a key set in
 * the environment after construction is still seen. Returns undefined when there is none.
 */
export function findApiKey({ apiKey, envVar }: ApiKeySource): string | undefined {
  const key = apiKey ?? readEnv(envVar);
  return key !== undefined && key.trim() !== '' ? key : undefined;
}

/** The `code` of the AuthenticationError for a key that was never given (no request was sent). */
export const MISSING_API_KEY = 'missing_api_key';

/** Like {@link findApiKey}, but a missing key is an error that names the variable to set. */
export function requireApiKey(source: ApiKeySource): string {
  const key = findApiKey(source);
  if (key === undefined) {
    throw new AuthenticationError(
      `${source.provider}: no API key; pass \`apiKey\` to the client or set ${source.envVar}`,
      { provider: source.provider, code: MISSING_API_KEY },
    );
  }
  return key;
}

// A key never holds a control character (a line break from a copy-paste, a tab), a character beyond
// Latin-1 (fetch refuses such a header value, quoting it whole in its error), or white space at either
// end (fetch would strip it and send another key).
const NOT_IN_A_HEADER = /[\u0000-\u001f\u007f]|[^\u0000-\u00ff]|^ | $/;

/**
 * Throws, before any request, for a key that no HTTP header can carry as it is. Says where the key
 * came from and where the bad character is, never the key.
 */
export function checkApiKey(source: ApiKeySource, key: string): void {
  const bad = NOT_IN_A_HEADER.exec(key);
  if (!bad) return;
  const from = source.apiKey !== undefined ? 'the `apiKey` option' : source.envVar;
  throw new AuthenticationError(
    `${source.provider}: the API key in ${from} contains a character not allowed in an HTTP header (a line break, a control character, or a space at either end: character ${bad.index + 1} of ${key.length}); fix the key (it was not sent)`,
    { provider: source.provider },
  );
}

/**
 * An environment variable; undefined where it cannot be read. The one place the packages read the
 * environment, and only for a value not given as an option. Never throws: there is no `process` in
 * browsers and Workers (no `nodejs_compat`), and Deno without `--allow-env` throws NotCapable on the
 * read; each is treated as unset, so a key or base URL passed as an option is all such a runtime needs.
 */
export function readEnv(name: string): string | undefined {
  try {
    const value = (globalThis as { process?: { env?: Record<string, unknown> } }).process?.env?.[name];
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}
