// The packages the CLI uses but does not install (the mocks, the ledger): a missing one is a usage error
// that says how to get it; any other failure to load is not hidden behind that advice.
import { describe, expect, it } from 'vitest';
import { loadOptionalPeer } from '../src/optional-peer.js';
import { UsageError } from '../src/usage-error.js';

const LEDGER = '@mediajobs/ledger';
const advice = { needs: 'mediajobs erase needs the ledger', example: 'mediajobs erase --subject s1' };

/** The error Node's ESM loader throws for a package it cannot find. */
const notFound = (name: string) =>
  Object.assign(
    new Error(`Cannot find package '${name}' imported from /app/node_modules/@mediajobs/cli/dist/ledger.js`),
    {
      code: 'ERR_MODULE_NOT_FOUND',
    },
  );

describe('loadOptionalPeer', () => {
  it('gives what the import gives when the package is installed', async () => {
    const module = { openLedger: () => 'open' };
    await expect(loadOptionalPeer(async () => module, LEDGER, advice)).resolves.toBe(module);
  });

  it('the package missing: a usage error saying what needs it, how to install it, and how to run it once', async () => {
    const loading = loadOptionalPeer(() => Promise.reject(notFound(LEDGER)), LEDGER, advice);
    await expect(loading).rejects.toBeInstanceOf(UsageError);
    await expect(loading).rejects.toThrow(
      'mediajobs erase needs the ledger. Install it beside the CLI (npm install -g @mediajobs/ledger, or npm install ' +
        '@mediajobs/ledger in your project), or run once with: npx --yes -p @mediajobs/cli -p @mediajobs/ledger ' +
        'mediajobs erase --subject s1',
    );
  });

  it('a package the peer itself needs missing is that error, not advice to install the peer', async () => {
    const inner = notFound('better-sqlite3');
    await expect(loadOptionalPeer(() => Promise.reject(inner), LEDGER, advice)).rejects.toBe(inner);
  });

  it('another failure to load the peer (a syntax error, a failed init) is that error as it is', async () => {
    const broken = Object.assign(new Error(`${LEDGER}: SQLITE_CANTOPEN`), { code: 'SQLITE_CANTOPEN' });
    await expect(loadOptionalPeer(() => Promise.reject(broken), LEDGER, advice)).rejects.toBe(broken);
  });
});
