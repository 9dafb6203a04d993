// The same checks for every vendor package's factory, against real loopback servers: the vendor's
// auth header, the user-agent, and no key (nor custom header) across a cross-origin redirect.
import { readFileSync } from 'node:fs';
import { inspect } from 'node:util';
import type { VendorClientOptions } from '@mediajobs/core';
import { describe, expect, it, vi } from 'vitest';
import { redirectTo, useTwoOrigins } from './origins.js';

export interface VendorClientCase<Client> {
  packageDir: string;
  create: (options: VendorClientOptions) => Client;
  /** One cheap call through the client. */
  call: (client: Client) => Promise<unknown>;
  /** The header that should carry the key, and how its value looks for `key`. */
  header: string;
  value: (key: string) => string;
  envVar: string;
}

const KEY = 'canary_9d8e7f6a5b4c3d2e1f';

export function describeVendorClient<Client>(name: string, vendor: VendorClientCase<Client>) {
  describe(`${name} client`, () => {
    const origins = useTwoOrigins();

    it(`sends the key in ${vendor.header} and a user-agent naming the package and version`, async () => {
      const { name: packageName, version } = JSON.parse(readFileSync(`${vendor.packageDir}/package.json`, 'utf8'));
      await vendor.call(vendor.create({ baseUrl: origins.api.url, apiKey: KEY }));
      const seen = origins.api.seen.at(-1);
      expect(seen?.headers[vendor.header]).toBe(vendor.value(KEY));
      expect(seen?.headers['user-agent']).toBe(`${packageName}/${version}`);
    });

    it(`reads ${vendor.envVar} when no key is passed`, async () => {
      vi.stubEnv(vendor.envVar, 'from-env');
      await vendor.call(vendor.create({ baseUrl: origins.api.url }));
      vi.unstubAllEnvs();
      expect(origins.api.seen.at(-1)?.headers[vendor.header]).toBe(vendor.value('from-env'));
    });

    it('sends neither the key nor custom headers across a cross-origin redirect', async () => {
      origins.api.handle(redirectTo(`${origins.elsewhere.url}/elsewhere`, 307));
      await vendor.call(
        vendor.create({ baseUrl: origins.api.url, apiKey: KEY, headers: { 'x-tenant-token': 'tenant-secret' } }),
      );
      expect(origins.elsewhere.seen).toHaveLength(1);
      const sent = JSON.stringify(origins.elsewhere.seen[0]?.headers);
      expect(sent).not.toContain(KEY);
      expect(sent).not.toContain('tenant-secret');
    });

    it('keeps the key out of the inspected client', () => {
      const client = vendor.create({ apiKey: KEY });
      expect(inspect(client, { depth: 10, showHidden: true })).not.toContain(KEY);
    });
  });
}
