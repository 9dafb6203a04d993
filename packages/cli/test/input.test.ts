// Reading job refs for `delete --from`: which files are refused before any work, which format a file is
// read as, what each JSON line or CSV row gives (a line that cannot be a ref says why, with its number),
// which vendors a file names (for --mock) and how many refs it holds (for the total and ETA).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { PROVIDERS } from 'mediajobs';
import { describe, expect, it } from 'vitest';
import {
  checkReadable,
  countRefs,
  formatOf,
  type InputFormat,
  type InputRef,
  providersIn,
  readRefs,
} from '../src/input.js';
import { UsageError } from '../src/usage-error.js';
import { fsError, withFs } from './fs-faults.js';
import { tempFolder } from './temp-folder.js';

/** A fresh folder, removed when the test ends, holding `files` (name to text). */
function folderWith(files: Record<string, string>): string {
  const dir = tempFolder('mediajobs-input-');
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

async function refsOf(source: string, format: InputFormat, stdin?: string): Promise<InputRef[]> {
  const refs: InputRef[] = [];
  const input = Readable.from(stdin === undefined ? [] : [Buffer.from(stdin)]);
  for await (const ref of readRefs(source, format, input)) refs.push(ref);
  return refs;
}

/** The usage error's message checkReadable throws for `source`, or undefined when it accepts it. */
function refusal(source: string): string | undefined {
  try {
    checkReadable(source);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
}

describe('checkReadable: a --from that cannot be read is refused up front, saying why', () => {
  it('a readable file and stdin (-) are accepted', () => {
    const dir = folderWith({ 'refs.jsonl': '' });
    expect(refusal(join(dir, 'refs.jsonl'))).toBeUndefined();
    expect(refusal('-')).toBeUndefined();
  });

  it('a folder, a missing file, and a path through a file each get their own reason', () => {
    const dir = folderWith({ 'refs.jsonl': '' });
    mkdirSync(join(dir, 'sub'));
    expect(refusal(join(dir, 'sub'))).toBe(`cannot read --from ${join(dir, 'sub')}: it is a folder`);
    expect(refusal(join(dir, 'none.jsonl'))).toBe(`cannot read --from ${join(dir, 'none.jsonl')}: no such file`);
    expect(refusal(join(dir, 'refs.jsonl', 'x'))).toBe(`cannot read --from ${join(dir, 'refs.jsonl', 'x')}: ENOTDIR`);
  });

  it('a file the user may not read is "permission denied"', () => {
    // Tests may run as root, who may read anything: the refusal is staged as node:fs would give it.
    const refused = () => {
      throw fsError('EACCES');
    };
    withFs({ accessSync: refused }, () =>
      expect(refusal('/secret/refs.jsonl')).toBe('cannot read --from /secret/refs.jsonl: permission denied'),
    );
  });
});

describe('formatOf: the format a refs file is read as', () => {
  it('--format jsonl or csv wins over the name', () => {
    expect(formatOf('refs.csv', 'jsonl')).toBe('jsonl');
    expect(formatOf('refs.jsonl', 'csv')).toBe('csv');
  });

  it('without --format, a .csv name (any case) is CSV and anything else JSON lines', () => {
    expect(formatOf('refs.CSV')).toBe('csv');
    expect(formatOf('refs.jsonl')).toBe('jsonl');
    expect(formatOf('-')).toBe('jsonl');
  });

  it('another --format is refused, naming the two it takes', () => {
    expect(() => formatOf('refs.csv', 'json')).toThrow('unknown --format json; use jsonl or csv');
  });
});

describe('readRefs: JSON lines', () => {
  it('gives each ref with its line number; blank and whitespace-only lines are skipped but counted', async () => {
    const text = [
      '{"provider":"tavus","id":"v1"}',
      '',
      '   ',
      '{"provider":"bifrost","id":"f1:openai","kind":"file"}',
    ].join('\n');
    expect(await refsOf('-', 'jsonl', text)).toEqual([
      { provider: 'tavus', id: 'v1', line: 1 },
      { provider: 'bifrost', id: 'f1:openai', kind: 'file', line: 4 },
    ]);
  });

  it('a line that is not a JSON object is a problem on that line, and the lines after it are still read', async () => {
    const text = ['42', 'null', '[1]', '"v1"', 'true', '{"provider":"a2e","id":"x"}'].join('\n');
    const refs = await refsOf('-', 'jsonl', text);
    const problem = 'expected a JSON object {"provider", "id", "kind"?}';
    expect(refs.slice(0, 5)).toEqual([1, 2, 3, 4, 5].map((line) => ({ provider: undefined, id: '', line, problem })));
    expect(refs[5]).toEqual({ provider: 'a2e', id: 'x', line: 6 });
  });

  it('invalid JSON is a problem naming the parser’s error', async () => {
    const [ref] = await refsOf('-', 'jsonl', '{"provider":');
    expect(ref?.line).toBe(1);
    expect(ref?.problem).toMatch(/^invalid JSON \(.+\)$/);
  });

  it('a field that is not a string is named; a numeric id is told to be quoted, as it may have lost digits', async () => {
    const text = [
      '{"provider":"tavus","id":12345678901234567890}',
      '{"provider":null,"id":"v1"}',
      '{"provider":"tavus","id":"v1","kind":true}',
      '{"provider":7,"id":"v1"}',
    ].join('\n');
    expect((await refsOf('-', 'jsonl', text)).map((ref) => ref.problem)).toEqual([
      '"id" must be a string, got a number (quote it: a JSON number may have lost digits)',
      '"provider" must be a string, got null',
      '"kind" must be a string, got a boolean',
      '"provider" must be a string, got a number (quote it: a JSON number may have lost digits)',
    ]);
  });
});

describe('readRefs: CSV', () => {
  it('reads by the header’s columns, trims cells, skips blank rows, takes rows without a kind, numbers each row', async () => {
    const dir = folderWith({
      'refs.csv': ['provider,id,kind', ' tavus , v1 , replica ', '', 'a2e,x1', 'bifrost,f1:openai,file'].join('\n'),
    });
    expect(await refsOf(join(dir, 'refs.csv'), 'csv')).toEqual([
      { provider: 'tavus', id: 'v1', kind: 'replica', line: 2 },
      { provider: 'a2e', id: 'x1', line: 4 },
      { provider: 'bifrost', id: 'f1:openai', kind: 'file', line: 5 },
    ]);
  });

  it('reads stdin (-) as CSV too', async () => {
    expect(await refsOf('-', 'csv', 'provider,id\ntavus,v9\n')).toEqual([{ provider: 'tavus', id: 'v9', line: 2 }]);
  });
});

describe('providersIn: the vendors --mock starts for a refs file', () => {
  it('only the known vendors the readable refs name, once each', async () => {
    const dir = folderWith({
      'refs.jsonl': [
        '{"provider":"tavus","id":"v1"}',
        '{"provider":"acme","id":"z"}',
        'not json',
        '{"provider":"tavus","id":"v2"}',
        '{"provider":"a2e","id":"x"}',
      ].join('\n'),
    });
    expect((await providersIn(join(dir, 'refs.jsonl'), 'jsonl')).sort()).toEqual(['a2e', 'tavus']);
  });

  it('every vendor for stdin, which cannot be read twice', async () => {
    expect(await providersIn('-', 'jsonl')).toEqual([...PROVIDERS]);
  });
});

describe('countRefs: the total shown with an ETA', () => {
  it('counts non-blank lines of JSON lines', async () => {
    const dir = folderWith({ 'refs.jsonl': '{"provider":"tavus","id":"v1"}\n\n  \n{"provider":"a2e","id":"x"}\n' });
    expect(await countRefs(join(dir, 'refs.jsonl'), 'jsonl')).toBe(2);
  });

  it('leaves out the CSV header, and an empty CSV holds none', async () => {
    const dir = folderWith({ 'refs.csv': 'provider,id\ntavus,v1\n\na2e,x\n', 'empty.csv': '' });
    expect(await countRefs(join(dir, 'refs.csv'), 'csv')).toBe(2);
    expect(await countRefs(join(dir, 'empty.csv'), 'csv')).toBe(0);
  });

  it('is unknown for stdin', async () => {
    expect(await countRefs('-', 'jsonl')).toBeUndefined();
  });
});
