import {
  type AdapterOptions,
  AuthenticationError,
  createAdapterTools,
  isRecord,
  type JobAdapter,
  type JobStatus,
  numberField,
  stringField,
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

/**
 * Bifrost's error envelope: `{ type?, status_code, error: { message, code?, type? }, extra_fields }`.
 * A governance refusal's `type` (provider_blocked, budget_exceeded, rate_limited...) leads the message.
 */
const failureOf = (body: unknown): VendorFailure => {
  const error = isRecord(body) ? body.error : undefined;
  const type = stringField(body, 'type');
  const message = stringField(error, 'message');
  return {
    message: type && message ? `${type}: ${message}` : (message ?? type),
    code: stringField(error, 'code') ?? type,
    requestId: stringField(body, 'event_id'),
    errorClass: type && KEY_PROBLEMS.has(type) ? AuthenticationError : undefined,
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
      const video = tools.object(result.response, tools.ok(result));
      const outputs = Array.isArray(video.videos) ? video.videos : [];
      return {
        provider: 'bifrost',
        id,
        status: tools.status(video.status, STATUS),
        progress: numberField(video, 'progress'),
        urls: outputs.flatMap((output) => stringField(output, 'url') ?? []),
        error: stringField(video.error, 'message'),
        raw: video,
      };
    },
  };
}
