import { describe, expect, it } from 'vitest';
import { createPathSerializer, encodePathParam, InvalidRequestError, MediaJobsError } from '../src/index.js';

describe('encodePathParam', () => {
  it.each([
    ['abc123', 'abc123'],
    ['video_abc123:openai', 'video_abc123:openai'],
    ['a/b', 'a%2Fb'],
    ['a?b#c', 'a%3Fb%23c'],
    ['100%', '100%25'],
    ['two words', 'two%20words'],
    ['ünï©ødé', '%C3%BCn%C3%AF%C2%A9%C3%B8d%C3%A9'],
    ['...', '...'],
    ['%2E%2E', '%252E%252E'],
    [42, '42'],
  ])('encodes %j into the single segment %j', (value, expected) => {
    const encoded = encodePathParam('tavus', 'video_id', value);
    expect(encoded).toBe(expected);
    expect(encoded).not.toContain('/');
    expect(decodeURIComponent(encoded)).toBe(String(value));
  });

  it.each([
    ['', 'is empty'],
    ['   ', 'is empty'],
    ['.', 'cannot be "."'],
    ['..', 'cannot be ".."'],
    [undefined, 'is missing'],
    [null, 'is missing'],
    ['abc\n', 'control character'],
    ['a\u0000b', 'control character'],
    ['del\u007f', 'control character'],
    [{ id: 'x' }, 'must be a string'],
    [Number.NaN, 'must be a string'],
  ])('refuses %j before any request', (value, problem) => {
    let thrown: unknown;
    try {
      encodePathParam('bifrost', 'video_id', value);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidRequestError);
    expect(MediaJobsError.isInstance(thrown)).toBe(true);
    expect(thrown).toMatchObject({ provider: 'bifrost', retryable: false });
    expect((thrown as Error).message).toContain('bifrost: path parameter `video_id`');
    expect((thrown as Error).message).toContain(problem);
  });
});

describe('createPathSerializer', () => {
  it('fills every parameter of a template', () => {
    const serialize = createPathSerializer('tavus');
    expect(serialize('/v2/videos/{video_id}/name', { video_id: 'a/b' })).toBe('/v2/videos/a%2Fb/name');
    expect(serialize('/x/{a}/{b}', { a: '1', b: '2' })).toBe('/x/1/2');
  });

  it('refuses a template whose parameter was not given', () => {
    expect(() => createPathSerializer('a2e')('/api/v1/video/{_id}', {})).toThrow(/`_id` is missing/);
  });
});
