// A bundler or a test may shim process.env with values that are not strings (a `define` of a number, an object):
// such a value is no key and no base URL, so readEnv treats it as unset rather than sending `[object Object]`.
import { describe, expect, it } from 'vitest';
import { readEnv } from '../src/api-key.js';
import { findApiKey } from '../src/index.js';
import { fakeEnv } from './fake-env.js';

describe('an environment variable that is not text', () => {
  it('is unset for readEnv and for the API key', () => {
    fakeEnv({ NUMBER_KEY: 12345, OBJECT_KEY: { key: 'sk_1' }, TEXT_KEY: 'sk_2' } as unknown as Record<string, string>);
    expect(readEnv('NUMBER_KEY')).toBeUndefined();
    expect(readEnv('OBJECT_KEY')).toBeUndefined();
    expect(findApiKey({ provider: 'tavus', envVar: 'OBJECT_KEY' })).toBeUndefined();
    expect(findApiKey({ provider: 'tavus', envVar: 'TEXT_KEY' })).toBe('sk_2');
  });
});
