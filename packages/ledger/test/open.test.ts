// Opening a ledger: where, with which key, file modes, schema versions; what a wrong setup is told.
import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { recordCreated } from '@mediajobs/core';
import { createTavusClient, tavus as tavusModule } from '@mediajobs/tavus';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { json, scriptedFetch } from '../../../test-support/scripted-fetch.js';
import { KEY_VARIABLE, LedgerError, openLedger } from '../src/index.js';
import { SCHEMA_VERSION } from '../src/schema.js';
import { BACKENDS, modeOf, TEST_KEY, tempFolder } from './backends.js';

describe('an SQLite ledger', () => {
  it('is created with mode 0600, its WAL too, with a 0600 key file beside it', async () => {
    const file = join(tempFolder(), 'ledger.db');
    const ledger = await openLedger(`sqlite:${file}`, { env: {} });
    await ledger.record({ subject: 'user-1', provider: 'tavus', id: 'v1' });
    expect(modeOf(file)).toBe('600');
    expect(modeOf(`${file}-wal`)).toBe('600');
    expect(modeOf(`${file}.key`)).toBe('600');
    expect(readFileSync(`${file}.key`, 'utf8')).toMatch(/^[0-9a-f]{64}\n$/);
    await ledger.close();
    // Opened again, it finds its key file and the same subjects.
    const again = await openLedger(`sqlite:${file}`, { env: {} });
    expect(await again.find('user-1')).toHaveLength(1);
    await again.close();
  });

  it('refuses a key file others can read, a lost key file, and another key', async () => {
    const file = join(tempFolder(), 'ledger.db');
    await (await openLedger(`sqlite:${file}`, { env: {} })).close();
    chmodSync(`${file}.key`, 0o644);
    await expect(openLedger(`sqlite:${file}`, { env: {} })).rejects.toThrow(
      /can be read by others \(mode 644\): run `chmod 600/,
    );
    chmodSync(`${file}.key`, 0o600);
    const key = readFileSync(`${file}.key`, 'utf8');
    rmSync(`${file}.key`);
    await expect(openLedger(`sqlite:${file}`, { env: {} })).rejects.toThrow(
      /exists but its key file .* does not: set MEDIAJOBS_LEDGER_KEY/,
    );
    const wrong = openLedger(`sqlite:${file}`, { env: { [KEY_VARIABLE]: 'another-key-0123456789abcdef0123456789' } });
    await expect(wrong).rejects.toThrow(`the ledger at ${file} was made with another key`);
    await expect(wrong).rejects.not.toThrow(/another-key/);
    const right = await openLedger(`sqlite:${file}`, { env: { [KEY_VARIABLE]: key.trim() } });
    await right.close();
  });

  it('takes an empty file at its location (made by `touch`) for a new ledger, and makes its key file', async () => {
    const file = join(tempFolder(), 'ledger.db');
    writeFileSync(file, '', { mode: 0o600 });
    const ledger = await openLedger(`sqlite:${file}`, { env: {} });
    await ledger.record({ subject: 'user-1', provider: 'tavus', id: 'v1' });
    await ledger.close();
    expect(modeOf(`${file}.key`)).toBe('600');
    const again = await openLedger(`sqlite:${file}`, { env: {} });
    expect(await again.find('user-1')).toHaveLength(1);
    await again.close();
  });

  it('refuses a short key, and a ledger made by a newer version', async () => {
    const file = join(tempFolder(), 'ledger.db');
    await expect(openLedger(`sqlite:${file}`, { key: 'short' })).rejects.toThrow(/too short: at least 32 characters/);
    await (await openLedger(`sqlite:${file}`, { key: TEST_KEY })).close();
    const raw = new Database(file);
    raw
      .prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)')
      .run(SCHEMA_VERSION + 1, Date.now());
    raw.close();
    await expect(openLedger(`sqlite:${file}`, { key: TEST_KEY })).rejects.toThrow(
      new RegExp(
        `schema version ${SCHEMA_VERSION + 1}, newer than this @mediajobs/ledger knows \\(${SCHEMA_VERSION}\\)`,
      ),
    );
  });

  it('says what is wrong with a location', async () => {
    await expect(openLedger('mysql://x')).rejects.toThrow(
      /unknown ledger location "mysql:\/\/x": use `sqlite:<file>` or `postgres:/,
    );
    await expect(openLedger('')).rejects.toThrow(/a ledger location must be/);
    const dir = tempFolder();
    writeFileSync(join(dir, 'blocker'), '');
    await expect(openLedger(`sqlite:${join(dir, 'blocker', 'ledger.db')}`, { key: TEST_KEY })).rejects.toThrow(
      /cannot create the SQLite ledger/,
    );
  });
});

describe('a PostgreSQL ledger', () => {
  const postgres = BACKENDS[1] as (typeof BACKENDS)[1];
  it('needs its key from the environment, and names no password in errors', async () => {
    const { location, dispose } = await postgres.fresh();
    try {
      await expect(openLedger(location, { env: {} })).rejects.toThrow(
        /PostgreSQL ledger needs its key in MEDIAJOBS_LEDGER_KEY/,
      );
      const withPassword = new URL(location);
      withPassword.password = 'pg-secret-password';
      withPassword.port = '1'; // nothing listens there
      const refused = openLedger(withPassword.toString(), { key: TEST_KEY });
      await expect(refused).rejects.toBeInstanceOf(LedgerError);
      await expect(refused).rejects.not.toThrow(/pg-secret-password/);
      // Two processes opening one new ledger at once migrate it once.
      const both = await Promise.all([
        openLedger(location, { key: TEST_KEY }),
        openLedger(location, { key: TEST_KEY }),
      ]);
      for (const ledger of both) await ledger.close();
    } finally {
      await dispose();
    }
  });

  it('refused with another key, names the ledger by its URL without credentials', async () => {
    const { location, dispose } = await postgres.fresh();
    try {
      await (await openLedger(location, { key: TEST_KEY })).close();
      const url = new URL(location);
      url.password = 'pg-secret-password'; // the test server trusts any
      const wrong = openLedger(url.toString(), { key: 'another-key-0123456789abcdef0123456789' });
      url.username = '';
      url.password = '';
      await expect(wrong).rejects.toThrow(`the ledger at ${url} was made with another key`);
      await expect(wrong).rejects.not.toThrow(/pg-secret-password/);
    } finally {
      await dispose();
    }
  });
});

describe('recording as resources are created', () => {
  it("records each create call's new id for the subject, through core's middleware", async () => {
    const file = join(tempFolder(), 'ledger.db');
    const ledger = await openLedger(`sqlite:${file}`, { key: TEST_KEY });
    const scripted = scriptedFetch(() => json(200, { video_id: 'v-new', status: 'queued' }));
    const tavus = createTavusClient({ apiKey: 'sk_test_created_1', fetch: scripted.fetch });
    tavus.use(recordCreated(tavusModule, ledger.recorderFor('user-42')));
    await tavus.POST('/v2/videos', { body: { replica_id: 'r1', script: 'hello' } });
    expect((await ledger.find('user-42')).map((r) => `${r.provider} ${r.kind} ${r.id}`)).toEqual(['tavus video v-new']);
    expect(() => ledger.recorderFor('')).toThrow(/subject must not be empty/);
    await ledger.close();
  });
});
