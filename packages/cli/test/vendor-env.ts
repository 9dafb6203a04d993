// The environment the CLI's tests run it with: every vendor's base URL on one test server, and an API key
// for the vendors that should have one. Of the test runner's own environment, only PATH.
import { API_KEY_VARIABLES, PROVIDERS, type Provider } from 'mediajobs';

/** Every vendor at `url`; `key` as the API key of the `keyed` vendors (all by default). */
export function vendorEnv(url: string, key: string, keyed: readonly Provider[] = PROVIDERS): Record<string, string> {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '' };
  for (const provider of PROVIDERS) {
    env[`${provider.toUpperCase()}_BASE_URL`] = url;
    if (keyed.includes(provider)) env[API_KEY_VARIABLES[provider]] = key;
  }
  return env;
}
