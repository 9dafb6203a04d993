// Which API keys are sent and which are refused before any request: a key no HTTP header can carry as it is
// (control characters, characters beyond Latin-1, white space at either end) is refused, saying where it came from
// and where the bad character is, never the key; every other key, spaces inside included, is sent as it is.
import { describe, expect, it } from 'vitest';
import { AuthenticationError, checkApiKey, findApiKey } from '../src/index.js';

const FROM_ENV = { provider: 'tavus', envVar: 'TAVUS_API_KEY' } as const;
const refusal = (key: string, source: { apiKey?: string } = {}) => {
  try {
    checkApiKey({ ...FROM_ENV, ...source }, key);
  } catch (error) {
    return error as AuthenticationError;
  }
  return undefined;
};

describe('checkApiKey', () => {
  it.each([
    ['a space inside', 'sk live 123'],
    ['Latin-1 letters', 'clé-ñ-ÿ'],
    ['punctuation', 'a+b/c=d~e!'],
  ])('lets a key with %s through', (_, key) => {
    expect(refusal(key)).toBeUndefined();
  });

  it.each([
    ['a leading space', ' sk_123', 1],
    ['a trailing space', 'sk_123 ', 7],
    ['a tab inside', 'sk\t123', 3],
    ['a DEL character', 'sk_12\u007f', 6],
    ['a character beyond Latin-1', 'sk_\u0100', 4],
  ])('refuses a key with %s, naming the position and never the key', (_, key, position) => {
    const error = refusal(key);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error?.provider).toBe('tavus');
    expect(error?.message).toContain(`character ${position} of ${key.length}`);
    expect(error?.message).not.toContain(key.trim());
  });

  it('says whether the bad key came from the environment variable or from the apiKey option', () => {
    expect(refusal('bad\n')?.message).toMatch(/^tavus: the API key in TAVUS_API_KEY contains/);
    expect(refusal('bad\n', { apiKey: 'bad\n' })?.message).toMatch(
      /^tavus: the API key in the `apiKey` option contains/,
    );
  });
});

describe('findApiKey', () => {
  it('treats a key of white space only as no key', () => {
    expect(findApiKey({ ...FROM_ENV, apiKey: ' \t ' })).toBeUndefined();
    expect(findApiKey({ ...FROM_ENV, apiKey: ' k ' })).toBe(' k ');
  });
});
