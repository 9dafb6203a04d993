// Reads job refs from a JSON Lines or CSV file (or stdin), one at a time, so that memory does not
// grow with the input. A line that cannot be read is reported with its number; the rest go on.
import { accessSync, constants, createReadStream, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parse } from 'csv-parse';
import { type JobRef, PROVIDERS, type Provider } from 'mediajobs';
import { UsageError } from './usage-error.js';

export type InputFormat = 'jsonl' | 'csv';

/**
 * A ref to delete; `line` is where it stands in a --from file (refs given as arguments have none), and
 * `problem` says why a line could not be read as a ref.
 */
export type InputRef = JobRef & { line?: number; problem?: string };

/** Fails with a usage error naming the file when --from cannot be read ('-' is stdin, always there). */
export function checkReadable(source: string): void {
  if (source === '-') return;
  let problem: string | undefined;
  try {
    accessSync(source, constants.R_OK);
    if (statSync(source).isDirectory()) problem = 'it is a folder';
  } catch (error) {
    const { code } = error as NodeJS.ErrnoException;
    problem = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : String(code);
  }
  if (problem) throw new UsageError(`cannot read --from ${source}: ${problem}`);
}

export function formatOf(source: string, format?: string): InputFormat {
  if (format === 'jsonl' || format === 'csv') return format;
  if (format !== undefined) throw new Error(`unknown --format ${format}; use jsonl or csv`);
  return source.toLowerCase().endsWith('.csv') ? 'csv' : 'jsonl';
}

function open(source: string, stdin: NodeJS.ReadableStream): NodeJS.ReadableStream {
  return source === '-' ? stdin : createReadStream(source);
}

/** The refs of a source ('-' is stdin), in order. */
export async function* readRefs(
  source: string,
  format: InputFormat,
  stdin: NodeJS.ReadableStream = process.stdin,
): AsyncGenerator<InputRef> {
  yield* format === 'csv' ? readCsv(open(source, stdin)) : readJsonLines(open(source, stdin));
}

async function* readJsonLines(stream: NodeJS.ReadableStream): AsyncGenerator<InputRef> {
  let line = 0;
  for await (const text of createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY })) {
    line += 1;
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      yield badLine(line, `invalid JSON (${(error as Error).message})`);
      continue;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      yield badLine(line, 'expected a JSON object {"provider", "id", "kind"?}');
      continue;
    }
    const problem = notAString(value as Record<string, unknown>);
    yield problem ? badLine(line, problem) : { ...(value as JobRef), line };
  }
}

async function* readCsv(stream: NodeJS.ReadableStream): AsyncGenerator<InputRef> {
  // A header row names the columns (provider, id, kind); `info` gives each record's line number.
  const parser = stream.pipe(
    parse({ columns: true, skip_empty_lines: true, trim: true, relax_column_count: true, info: true }),
  );
  for await (const { record, info } of parser as AsyncIterable<{
    record: Record<string, string>;
    info: { lines: number };
  }>) {
    const { provider, id, kind } = record;
    yield { provider, id, ...(kind ? { kind } : {}), line: info.lines } as InputRef;
  }
}

/**
 * Why a ref's fields are not all strings, if they are not. An id that is a JSON number is never turned
 * into a string: past 2^53 it has already lost digits (12345678901234567890 reads as ...68000), and the
 * delete would go to another job.
 */
function notAString(ref: Record<string, unknown>): string | undefined {
  for (const field of ['provider', 'id', 'kind']) {
    const value = ref[field];
    if (value === undefined || typeof value === 'string') continue;
    const hint = typeof value === 'number' ? ' (quote it: a JSON number may have lost digits)' : '';
    return `"${field}" must be a string, got ${value === null ? 'null' : `a ${typeof value}`}${hint}`;
  }
  return undefined;
}

function badLine(line: number, problem: string): InputRef {
  return { provider: undefined as never, id: '', line, problem };
}

/** The vendors a refs file names (for --mock, which starts only those); every vendor for stdin. */
export async function providersIn(source: string, format: InputFormat): Promise<Provider[]> {
  if (source === '-') return [...PROVIDERS];
  const found = new Set<Provider>();
  for await (const ref of readRefs(source, format)) {
    if (!ref.problem && PROVIDERS.includes(ref.provider)) found.add(ref.provider);
  }
  return [...found];
}

/**
 * How many refs a file holds (non-empty lines, less a CSV header), read as a stream; undefined for
 * stdin, which cannot be read twice. Used only to show a total and an ETA.
 */
export async function countRefs(source: string, format: InputFormat): Promise<number | undefined> {
  if (source === '-') return undefined;
  let lines = 0;
  for await (const text of createInterface({ input: createReadStream(source), crlfDelay: Number.POSITIVE_INFINITY })) {
    if (text.trim() !== '') lines += 1;
  }
  return format === 'csv' ? Math.max(0, lines - 1) : lines;
}
