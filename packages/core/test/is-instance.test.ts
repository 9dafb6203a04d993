// Every error class recognises its own instances (and its subclasses') by a marker, never by
// `error.name`, and across two copies of the package, where `instanceof` fails. The copies are two
// esbuild bundles of core, minified so that class names are renamed too.
import { beforeAll, describe, expect, it } from 'vitest';
import * as core from '../src/index.js';
import { bundledCopy } from './bundled-copy.js';

type ErrorClass = (new (message: string) => Error) & { isInstance(value: unknown): boolean };

function errorClasses(module: Record<string, unknown>): [string, ErrorClass][] {
  return Object.entries(module).filter(
    (entry): entry is [string, ErrorClass] =>
      entry[0].endsWith('Error') && typeof (entry[1] as { isInstance?: unknown }).isInstance === 'function',
  );
}

const classes = errorClasses(core);
const subclasses = classes.filter(([name]) => name !== 'MediaJobsError');

it('covers every error class core exports', () => {
  expect(classes.map(([name]) => name).sort()).toEqual([
    'AbortError',
    'AuthenticationError',
    'ConnectionError',
    'InsufficientCreditsError',
    'InvalidRequestError',
    'MediaJobsError',
    'NotFoundError',
    'PermissionDeniedError',
    'RateLimitError',
    'ServerError',
    'TimeoutError',
    'UnsupportedOperationError',
  ]);
});

describe.each(subclasses)('%s.isInstance', (name, ErrorClass) => {
  it('is true for its instances and its subclasses', () => {
    class Mine extends (ErrorClass as unknown as new (message: string) => Error) {}
    expect(ErrorClass.isInstance(new ErrorClass('x'))).toBe(true);
    expect(ErrorClass.isInstance(new Mine('x'))).toBe(true);
    expect(core.MediaJobsError.isInstance(new ErrorClass('x'))).toBe(true);
    // Detached, as in `errors.filter(NotFoundError.isInstance)`.
    expect([new ErrorClass('x'), new Error('x')].filter(ErrorClass.isInstance)).toHaveLength(1);
  });

  it('is false for every other class, the base class, and an error that only bears its name', () => {
    for (const [other, OtherClass] of classes) {
      if (other !== name) expect(ErrorClass.isInstance(new OtherClass('x'))).toBe(false);
    }
    const named = Object.assign(new Error('x'), { name });
    expect(ErrorClass.isInstance(named)).toBe(false);
    for (const value of [undefined, null, 'NotFoundError', 404, {}]) expect(ErrorClass.isInstance(value)).toBe(false);
  });
});

describe('two copies of the package', () => {
  let one: [string, ErrorClass][];
  let two: [string, ErrorClass][];
  beforeAll(async () => {
    one = errorClasses(await bundledCopy());
    two = errorClasses(await bundledCopy());
  });

  it('recognise each other errors, class by class, where instanceof does not', () => {
    expect(one).toHaveLength(classes.length);
    for (const [name, OneClass] of one) {
      const TwoClass = two.find(([other]) => other === name)?.[1] as ErrorClass;
      expect(TwoClass).not.toBe(OneClass);
      expect(new TwoClass('x')).not.toBeInstanceOf(OneClass);
      expect(OneClass.isInstance(new TwoClass('x'))).toBe(true);
      for (const [other, OtherClass] of two) {
        if (name !== 'MediaJobsError' && other !== name) expect(OneClass.isInstance(new OtherClass('x'))).toBe(false);
      }
    }
  });

  it('recognise an object that carries the marker, as another copy of the classes makes', () => {
    const foreign = Object.create(null, {
      [Symbol.for('mediajobs.error.NotFoundError')]: { value: true },
    }) as object;
    expect(core.NotFoundError.isInstance(foreign)).toBe(true);
    expect(core.AbortError.isInstance(foreign)).toBe(false);
  });
});
