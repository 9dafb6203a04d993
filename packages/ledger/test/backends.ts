// The two backends every ledger test runs against: a fresh SQLite file in a temporary folder, and a
// fresh database on the test run's PostgreSQL server (test-support/postgres.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshPostgresDatabase } from '../../../test-support/postgres.js';

/** The key every test ledger uses (a real deployment's comes from MEDIAJOBS_LEDGER_KEY or the key file). */
export const TEST_KEY = 'test-key-0123456789abcdef0123456789abcdef';

export interface Backend {
  name: 'sqlite' | 'postgres';
  /** A new, empty ledger location, and how to remove it. */
  fresh(): Promise<{ location: string; dispose(): Promise<void> }>;
}

export const BACKENDS: Backend[] = [
  {
    name: 'sqlite',
    async fresh() {
      const dir = mkdtempSync(join(tmpdir(), 'mediajobs-ledger-'));
      return {
        location: `sqlite:${join(dir, 'ledger.db')}`,
        dispose: async () => rmSync(dir, { recursive: true, force: true }),
      };
    },
  },
  {
    name: 'postgres',
    async fresh() {
      const database = await freshPostgresDatabase('ledger');
      return { location: database.url, dispose: database.drop };
    },
  },
];
