import {
  type AdapterOptions,
  AuthenticationError,
  createAdapterTools,
  InvalidRequestError,
  isRecord,
  type Job,
  type JobAdapter,
  type JobStatus,
  numberField,
  parseVendorTime,
  stringField,
  UnsupportedOperationError,
  type VendorFailure,
} from '@mediajobs/core';
import { type BifrostKeyHeader, bifrostVendor } from './client.js';
import type { paths } from './generated/bifrost.js';

/** Bifrost's VideoStatus values as mediajobs job statuses. */
const STATUS: Record<string, JobStatus> = {
  queued: 'queued',
  in_progress: 'running',
  completed: 'succeeded',
  failed: 'failed',
};

/** Governance answers whose `type` says the key itself is missing or unknown, whatever the status. */
const KEY_PROBLEMS = new Set(['virtual_key_required', 'virtual_key_not_found']);

/** Jobs per list page: the gateway's maximum. */
const PAGE_SIZE = 100;

/**
 * An upstream that cannot do the operation: `code: unsupported_operation` (newer gateways) or the
 * message of NewUnsupportedOperationError (maximhq/bifrost core/providers/utils/utils.go @f1365880).
 */
const isUnsupported = (code: string | undefined, message: string | undefined) =>
  code === 'unsupported_operation' || /\bis not supported by \S+ provider\b/.test(message ?? '');

/** The error class a Bifrost body names, where it says more than the HTTP status. */
function errorClassOf(type: string | undefined, code: string | undefined, message: string | undefined) {
  if (type && KEY_PROBLEMS.has(type)) return AuthenticationError;
  if (isUnsupported(code, message)) return UnsupportedOperationError;
  return undefined;
}

/**
 * Bifrost's error envelope: `{ type?, status_code, error: { message, code?, type? }, extra_fields }`.
 * A governance refusal's `type` (provider_blocked, budget_exceeded, rate_limited...) leads the message.
 */
const failureOf = (body: unknown): VendorFailure => {
  const error = isRecord(body) ? body.error : undefined;
  const type = stringField(body, 'type');
  const message = stringField(error, 'message');
  const code = stringField(error, 'code');
  return {
    message: type && message ? `${type}: ${message}` : (message ?? type),
    code: code ?? type,
    requestId: stringField(body, 'event_id'),
    errorClass: errorClassOf(type, code, message),
  };
};

export interface BifrostAdapterOptions extends AdapterOptions {
  /** Where the key goes (see createBifrostClient). */
  keyHeader?: BifrostKeyHeader;
}

/** A Bifrost gateway's video jobs as mediajobs jobs. Ids are `id:provider` and pass unchanged. */
export function createBifrostAdapter({ keyHeader, ...options }: BifrostAdapterOptions = {}): JobAdapter {
  const tools = createAdapterTools<paths>(bifrostVendor(keyHeader), options, failureOf);
  return {
    provider: 'bifrost',
    batchSize: 1,
    async delete(id, { signal }) {
      const result = await tools.client.DELETE('/v1/videos/{video_id}', {
        params: { path: { video_id: id } },
        parseAs: 'text',
        signal,
      });
      const body = tools.ok(result);
      if (tools.object(result.response, body).deleted !== true) {
        throw tools.fail(result.response, body, { message: 'the gateway answered without `deleted: true`' });
      }
    },
    async get(id, { signal }) {
      const result = await tools.client.GET('/v1/videos/{video_id}', {
        params: { path: { video_id: id } },
        parseAs: 'text',
        signal,
      });
      return jobOf(id, tools.object(result.response, tools.ok(result)));
    },
    /**
     * One upstream's jobs, newest first, by cursor. Ids come back as the gateway gives them; one
     * without its `:provider` suffix gets `:<upstream>`, so that it can be read and deleted.
     */
    async listPage({ cursor, upstream, signal }) {
      if (!upstream) throw new InvalidRequestError('bifrost: listing needs the upstream provider (e.g. openai)');
      const result = await tools.client.GET('/v1/videos', {
        params: { query: { provider: upstream, after: cursor, limit: PAGE_SIZE } },
        parseAs: 'text',
        signal,
      });
      const page = tools.object(result.response, tools.ok(result));
      const videos = tools.items(result.response, page.data, 'data', 'id');
      const lastId = stringField(page, 'last_id') ?? stringField(videos.at(-1), 'id');
      return {
        jobs: videos.map((video) => jobOf(withSuffix(video.id as string, upstream), video)),
        next: page.has_more === true ? lastId : undefined,
      };
    },
  };

  function jobOf(id: string, video: Record<string, unknown>): Job {
    const outputs = Array.isArray(video.videos) ? video.videos : [];
    return {
      provider: 'bifrost',
      id,
      status: tools.status(video.status, STATUS),
      progress: numberField(video, 'progress'),
      urls: outputs.flatMap((output) => stringField(output, 'url') ?? []),
      error: stringField(video.error, 'message'),
      createdAt: parseVendorTime(video.created_at),
      raw: video,
    };
  }
}

/** `id:provider`, as the gateway's handlers want it (they split on the first colon). */
function withSuffix(id: string, upstream: string): string {
  return id.includes(':') ? id : `${id}:${upstream}`;
}
