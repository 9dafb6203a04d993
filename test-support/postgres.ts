// A database of its own for each test that needs PostgreSQL, on the run's server: the one at
// MEDIAJOBS_TEST_POSTGRES_URL (CI starts it with scripts/postgres.mjs; a developer may point it at their own),
// else the one the global setup started and provided as `postgres`. Never skipped: with no server, it throws.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

export const POSTGRES_URL_VARIABLE = 'MEDIAJOBS_TEST_POSTGRES_URL';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The global setup's PostgreSQL: its URL, or why there is none. */
    postgres: { url: string } | { error: string };
  }
}

/** The URL of the run's PostgreSQL server (its maintenance database). */
export function postgresServerUrl(): string {
  const fromEnv = process.env[POSTGRES_URL_VARIABLE];
  if (fromEnv) return fromEnv;
  const provided = inject('postgres');
  if (provided && 'url' in provided) return provided.url;
  throw new Error(
    provided?.error ??
      `No PostgreSQL for this test: ${POSTGRES_URL_VARIABLE} is not set and the vitest global setup (test-support/global-setup.ts) provided no server.`,
  );
}

async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

/** A database name from the prefix (lower case, [a-z0-9_]) and 12 random hex digits, within Postgres' 63 bytes. */
function databaseName(prefix: string): string {
  const safe =
    prefix
      .toLowerCase()
      .replace(/[^a-z0-9_]+/g, '_')
      .slice(0, 40)
      .replace(/^_+|_+$/g, '') || 'test';
  return `${safe}_${randomBytes(6).toString('hex')}`;
}

/**
 * Creates a new, empty database on the run's PostgreSQL server; `url` connects to it, `drop()` ends every
 * connection to it and drops it (calling it twice is harmless).
 */
export async function freshPostgresDatabase(prefix: string): Promise<{ url: string; drop(): Promise<void> }> {
  const serverUrl = postgresServerUrl();
  const name = databaseName(prefix);
  await withClient(serverUrl, (client) => client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`));
  const url = new URL(serverUrl);
  url.pathname = `/${encodeURIComponent(name)}`;
  return {
    url: url.toString(),
    drop: () =>
      withClient(serverUrl, async (client) => {
        // A pool may still hold connections (or open one between the two statements): end them, and retry.
        for (let attempt = 1; ; attempt++) {
          await client.query(
            'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
            [name],
          );
          try {
            await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)}`);
            return;
          } catch (error) {
            // 55006 object_in_use: "database ... is being accessed by other users"
            if ((error as { code?: string }).code !== '55006' || attempt === 5) throw error;
            await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
          }
        }
      }),
  };
}
