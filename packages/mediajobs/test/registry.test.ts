// The registry is the one list of vendors: what derives from it, and the testing package's fakes
// (a registry of their own, since @mediajobs/testing does not depend on the facade) agree with it.

import { describe, expect, it } from 'vitest';
import { FAKES, VENDORS } from '../../testing/src/fakes/index.js';
import { API_KEY_VARIABLES, LISTABLE_PROVIDERS, PROVIDERS, vendors } from '../src/index.js';

describe('the vendor registry', () => {
  it('PROVIDERS, LISTABLE_PROVIDERS and API_KEY_VARIABLES are read from the vendor modules', () => {
    expect(PROVIDERS).toEqual(vendors.map((vendor) => vendor.provider));
    expect(LISTABLE_PROVIDERS).toEqual(
      vendors.filter((vendor) => vendor.kinds.some((kind) => kind.list)).map((vendor) => vendor.provider),
    );
    for (const vendor of vendors) expect(API_KEY_VARIABLES[vendor.provider]).toBe(vendor.description.auth.envVar);
  });

  it('each vendor has a test fake with the same kinds, the default first, and the same ability to list', () => {
    expect([...VENDORS]).toEqual([...PROVIDERS]);
    for (const vendor of vendors) {
      const fake = FAKES[vendor.provider];
      expect([...fake.kinds], vendor.provider).toEqual(vendor.kinds.map((kind) => kind.name));
      expect(fake.lists, vendor.provider).toBe(vendor.kinds.some((kind) => kind.list));
    }
  });

  it("a kind's abilities are the functions it has: delete always, get and list where declared", () => {
    for (const vendor of vendors) {
      const connection = vendor.connect({ apiKey: 'k', baseUrl: 'https://vendor.test' });
      for (const kind of vendor.kinds) {
        const operations = connection.get(kind.name);
        expect(operations?.delete, `${vendor.provider} ${kind.name}`).toBeTypeOf('function');
        expect(operations?.get !== undefined).toBe(kind.get);
        expect(operations?.listPage !== undefined).toBe(kind.list);
        expect(operations?.deleteBatch !== undefined).toBe(kind.delete === 'batch');
        if (!kind.list) expect(kind.cannotList, `${vendor.provider} ${kind.name} says why it cannot list`).toBeTruthy();
      }
    }
  });

  it("a kind is made only from its own vendor's other kinds, with no loop", () => {
    for (const vendor of vendors) {
      const names = vendor.kinds.map((kind) => kind.name);
      const sources = new Map<string, readonly string[]>(vendor.kinds.map((kind) => [kind.name, kind.madeFrom]));
      for (const kind of vendor.kinds) {
        for (const source of kind.madeFrom) expect(names, `${vendor.provider} ${kind.name}`).toContain(source);
        const seen = new Set<string>();
        const walk = (name: string) => {
          expect(seen.has(name), `${vendor.provider}: ${kind.name} is made from itself`).toBe(false);
          seen.add(name);
          for (const next of sources.get(name) ?? []) walk(next);
          seen.delete(name);
        };
        walk(kind.name);
      }
    }
  });
});
