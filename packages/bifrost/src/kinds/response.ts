import type { Job, JobStatus, KindDefinition } from '@mediajobs/core';
import { parseVendorTime } from '@mediajobs/core';
import { type BifrostConnection, splitUpstream } from '../connection.js';

/**
 * A stored response's status words (maximhq/bifrost core/schemas/responses.go @cb7b0dfd,
 * BifrostResponsesResponse.Status) as job statuses. `cancelled` and `incomplete` mean none of the five:
 * both ended without their whole output, so they read as failed, the word as the job's error.
 */
const STATUS: Record<string, JobStatus> = {
  completed: 'succeeded',
  in_progress: 'running',
  queued: 'queued',
  failed: 'failed',
  cancelled: 'failed',
  incomplete: 'failed',
};

const split = (id: string) => splitUpstream(id, 'response', 'resp_abc123');

/**
 * Stored Responses API objects (a prompt and its output), kept at an upstream provider. The gateway
 * names one by the upstream's id and a `provider` query parameter (openai when absent); mediajobs names
 * it `<response_id>:<provider>`, as files, and always sends the provider (handlers/inference.go @00a76493).
 */
export const response: KindDefinition<BifrostConnection, 'response'> = {
  name: 'response',
  summary: 'stored Responses API objects (a prompt and its output), per upstream provider',
  unverified: "the delete's success answer and the not-found texts (the upstream's own)",
  cannotList:
    'the gateway has no list of stored responses (only GET and DELETE /v1/responses/{id}): delete the ids recorded when they were created, as <response_id>:<provider>',
  async delete(bifrost, id, { signal }) {
    const { upstreamId, provider } = split(id);
    const result = await bifrost.client.DELETE('/v1/responses/{response_id}', {
      params: { path: { response_id: upstreamId }, query: { provider } },
      parseAs: 'text',
      signal,
    });
    const body = bifrost.ok(result);
    if (bifrost.object(result.response, body).deleted !== true) {
      throw bifrost.fail(result.response, body, { message: 'expected `deleted: true` for the response, got none' });
    }
  },
  async get(bifrost, id, { signal }) {
    const { upstreamId, provider } = split(id);
    const result = await bifrost.client.GET('/v1/responses/{response_id}', {
      params: { path: { response_id: upstreamId }, query: { provider } },
      parseAs: 'text',
      signal,
    });
    const item = bifrost.object(result.response, bifrost.ok(result));
    if (typeof item.id !== 'string') {
      throw bifrost.fail(result.response, item, { message: 'expected a response with a string id, got none' });
    }
    return jobOf(bifrost, id, item);
  },
};

function jobOf(bifrost: BifrostConnection, id: string, item: Record<string, unknown>): Job {
  // No status word: the gateway's own default is completed (BifrostResponsesResponse.WithDefaults).
  const word = item.status === undefined || item.status === null ? 'completed' : item.status;
  const status = bifrost.status(word, STATUS);
  return {
    provider: 'bifrost',
    id,
    kind: 'response',
    status,
    urls: [],
    error: status === 'failed' ? errorOf(word, item) : undefined,
    createdAt: parseVendorTime(item.created_at),
    raw: item,
  };
}

/** Why a response ended without its whole output: the upstream's message, else the word (and its reason). */
function errorOf(word: unknown, item: Record<string, unknown>): string {
  const error = item.error as { message?: unknown } | null | undefined;
  if (typeof error?.message === 'string' && error.message !== '') return error.message;
  const details = item.incomplete_details as { reason?: unknown } | null | undefined;
  return typeof details?.reason === 'string' ? `${String(word)}: ${details.reason}` : String(word);
}
