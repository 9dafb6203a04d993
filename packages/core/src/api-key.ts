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

/** Like {@link findApiKey}, but a missing key is an error that names the variable to set. */
export function requireApiKey(source: ApiKeySource): string {
  const key = findApiKey(source);
  if (key === undefined) {
    throw new AuthenticationError(
      `${source.provider}: no API key; pass \`apiKey\` to the client or set ${source.envVar}`,
      { provider: source.provider },
    );
  }
  return key;
}

function readEnv(name: string): string | undefined {
  // `process` does not exist in browsers; there the key must be passed explicitly.
  return (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[name];
}
