import { isRecord, type Job, type JobStatus, type KindDefinition, parseVendorTime, stringField } from '@mediajobs/core';
import type { BifrostConnection } from '../connection.js';

/** A log's status words as job statuses (maximhq/bifrost framework/logstore/tables.go, Log.Status). */
const STATUS: Record<string, JobStatus> = {
  processing: 'running',
  success: 'succeeded',
  error: 'failed',
};

/** Logs per list page (the gateway allows up to 1000; a page of 500 keeps each answer a few MB at most). */
const PAGE_SIZE = 500;

/** Ids per delete: the handler sets no limit; 100 keeps a body small and a failed call's loss bounded. */
const DELETE_BATCH = 100;

/**
 * The gateway's own request/response logs: every prompt and output, kept after the upstream resource
 * is gone. Management routes (`/api/logs`): the `adminAuth` credential, not the inference key.
 */
export const log: KindDefinition<BifrostConnection, 'log'> = {
  name: 'log',
  summary: "the gateway's request/response logs (every prompt and output), deleted in batches",
  listOptions: {
    contentSearch: {
      type: 'string',
      description: 'only logs whose prompt or output contains this text (the gateway searches its own store)',
      example: 'jane@example.com',
    },
  },
  async delete(bifrost, id, call) {
    await deleteLogs(bifrost, [id], call.signal);
  },
  deleteBatch: {
    size: () => DELETE_BATCH,
    run: (bifrost, ids, { signal }) => deleteLogs(bifrost, ids, signal),
  },
  async get({ admin }, id, { signal }) {
    const result = await admin.client.GET('/api/logs/{log_id}', {
      params: { path: { log_id: id } },
      parseAs: 'text',
      signal,
    });
    const item = admin.object(result.response, admin.ok(result));
    if (stringField(item, 'id') === undefined) {
      throw admin.fail(result.response, item, { message: 'expected a log with a string id, got none' });
    }
    return jobOf(admin, item);
  },
  /**
   * One page of logs, newest first, by offset. The list's date filter goes to the gateway as its
   * time range (start_time, end_time), so an erasure of old logs reads only those.
   */
  async listPage({ admin }, { cursor, options, createdAfter, createdBefore, signal }) {
    const offset = cursor === undefined ? 0 : Number(cursor);
    const search = options.contentSearch === undefined ? undefined : String(options.contentSearch);
    const result = await admin.client.GET('/api/logs', {
      params: {
        query: {
          limit: PAGE_SIZE,
          offset,
          sort_by: 'timestamp',
          order: 'desc',
          start_time: createdAfter?.toISOString(),
          end_time: createdBefore?.toISOString(),
          content_search: search,
        },
      },
      parseAs: 'text',
      signal,
    });
    const page = admin.object(result.response, admin.ok(result));
    const logs = admin.items(result.response, page.logs, 'logs', 'id');
    const total = admin.object(result.response, page.pagination).total_count;
    const next = offset + logs.length;
    const more = logs.length > 0 && (typeof total === 'number' ? next < total : logs.length === PAGE_SIZE);
    return { jobs: logs.map((item) => jobOf(admin, item)), next: more ? String(next) : undefined };
  },
};

async function deleteLogs(bifrost: BifrostConnection, ids: readonly string[], signal?: AbortSignal): Promise<void> {
  const { admin } = bifrost;
  const result = await admin.client.DELETE('/api/logs', { body: { ids: [...ids] }, parseAs: 'text', signal });
  const answer = admin.object(result.response, admin.ok(result));
  if (typeof answer.message !== 'string') {
    throw admin.fail(result.response, answer, {
      message: `expected {"message": "Logs deleted successfully"}, got an object with ${Object.keys(answer).join(', ') || 'nothing'}`,
    });
  }
}

function jobOf(admin: BifrostConnection['admin'], item: Record<string, unknown>): Job {
  return {
    provider: 'bifrost',
    id: item.id as string,
    kind: 'log',
    status: admin.status(item.status, STATUS),
    urls: [],
    error: stringField(isRecord(item.error_details) ? item.error_details.error : undefined, 'message'),
    createdAt: parseVendorTime(item.timestamp ?? item.created_at),
    raw: item,
  };
}
