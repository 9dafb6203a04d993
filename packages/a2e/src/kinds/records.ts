// What A2E's record kinds (avatars, voices, uploaded faces, tasks) share: status words, the answer of
// one record and of a page of records, and a record as a Job. Not a kind itself.
import {
  isRecord,
  type Job,
  type JobStatus,
  NotFoundError,
  parseVendorTime,
  stringField,
  type TextResult,
} from '@mediajobs/core';
import { type A2eConnection, SUCCESS } from '../connection.js';

/** `current_status` words (specs/a2e.yaml, RecordStatus) as job statuses; any other word is an error. */
const STATUS: Record<string, JobStatus> = {
  initialized: 'queued',
  sent: 'queued',
  pending: 'running',
  processing: 'running',
  completed: 'succeeded',
  failed: 'failed',
};

/** Records per list page (A2E's example uses 10; no maximum is known). */
export const PAGE_SIZE = 100;

/** How a kind's records read: its name, and whether every record carries a `current_status`. */
export interface RecordKind {
  name: string;
  /** Tasks always say their status; an absent one is an error. Else a record without one reads as succeeded. */
  statusRequired: boolean;
}

/** One record as a Job: the status from `current_status`, `createdAt`, the result and failure fields. */
export function recordJob(a2e: A2eConnection, kind: RecordKind, record: Record<string, unknown>): Job {
  const word = record.current_status;
  const status = word === undefined && !kind.statusRequired ? 'succeeded' : a2e.status(word, STATUS);
  const url = stringField(record, 'result_url');
  return {
    provider: 'a2e',
    id: record._id as string,
    kind: kind.name,
    status,
    urls: url === undefined ? [] : [url],
    error:
      status === 'failed' ? (stringField(record, 'failed_message') ?? stringField(record, 'faild_message')) : undefined,
    createdAt: parseVendorTime(record.createdAt),
    raw: record,
  };
}

/**
 * The record of a read: `data` an object with a string `_id`. `data` null or absent is a record that is
 * gone (specs/a2e.yaml decision "A record that is gone"); any other shape is an error that says so.
 */
export function readRecord(a2e: A2eConnection, kind: RecordKind, id: string, result: TextResult): Job {
  const answer = a2e.withSuccessCode(result, SUCCESS);
  if (answer.data === null || answer.data === undefined) {
    throw new NotFoundError(`a2e: no ${kind.name} ${id} (deleted, or check the id)`, { provider: 'a2e' });
  }
  const [record] = a2e.items(result.response, [answer.data], 'data', '_id') as [Record<string, unknown>];
  return recordJob(a2e, kind, record);
}

/** The records of a list answer found at `where` (`data.rows` or `data`), checked. */
export function listedRecords(
  a2e: A2eConnection,
  kind: RecordKind,
  result: TextResult,
  where: 'data.rows' | 'data',
): Job[] {
  const answer = a2e.withSuccessCode(result, SUCCESS);
  const value = where === 'data' ? answer.data : isRecord(answer.data) ? answer.data.rows : undefined;
  return a2e.items(result.response, value, where, '_id').map((record) => recordJob(a2e, kind, record));
}

/**
 * One page of a paged record list (pages from 1, `data.rows`): the walk goes on until a page is empty,
 * since the server may answer fewer than `pageSize` records before the last page.
 */
export async function recordsPage(
  a2e: A2eConnection,
  kind: RecordKind,
  cursor: string | undefined,
  read: (query: { pageNum: string; pageSize: string }) => Promise<TextResult>,
): Promise<{ jobs: Job[]; next?: string }> {
  const page = cursor === undefined ? 1 : Number(cursor);
  const jobs = listedRecords(
    a2e,
    kind,
    await read({ pageNum: String(page), pageSize: String(PAGE_SIZE) }),
    'data.rows',
  );
  return { jobs, next: jobs.length === 0 ? undefined : String(page + 1) };
}

/** A delete or remove answer: `code` 0, else the vendor's error. */
export function done(a2e: A2eConnection, result: TextResult): void {
  a2e.withSuccessCode(result, SUCCESS);
}
