import type { Job, JobStatus, KindDefinition } from '@mediajobs/core';
import { parseVendorTime } from '@mediajobs/core';
import { type BifrostConnection, splitUpstream } from '../connection.js';

/**
 * A container's status words as job statuses (maximhq/bifrost core/schemas/containers.go @50fc0b77:
 * ContainerStatusRunning, a free string; OpenAI's `expired` passes through). An expired container has
 * stopped for good without failing, but is still there, holding its files, until it is deleted: it
 * reads as succeeded, not deleted, so that a purge still erases it.
 */
const STATUS: Record<string, JobStatus> = {
  running: 'running',
  expired: 'succeeded',
};

/** Containers per list page (the upstream's maximum: 1-100, default 20). */
const PAGE_SIZE = 100;

const split = (id: string) => splitUpstream(id, 'container', 'cntr_abc123');

/**
 * Code-interpreter sandboxes (OpenAI-compatible Containers API) that hold uploaded files, kept at an
 * upstream provider. The gateway names one by the upstream's id and a `provider` query parameter, on
 * its list too; mediajobs names it `<container_id>:<provider>`, as files (handlers/inference.go
 * @00a76493). Deleting a container deletes its files; those (named by two ids) are not a kind.
 */
export const container: KindDefinition<BifrostConnection, 'container'> = {
  name: 'container',
  summary: 'code-interpreter sandboxes holding uploaded files (Containers API), per upstream provider',
  unverified:
    "the `expired` status word, what the list's `after` cursor holds for each provider, and the not-found text (the upstream's own)",
  listOptions: {
    upstream: {
      type: 'string',
      required: true,
      description: "the gateway's upstream provider whose containers to list",
      example: 'openai',
    },
  },
  async delete(bifrost, id, { signal }) {
    const { upstreamId, provider } = split(id);
    const result = await bifrost.client.DELETE('/v1/containers/{container_id}', {
      params: { path: { container_id: upstreamId }, query: { provider } },
      parseAs: 'text',
      signal,
    });
    const body = bifrost.ok(result);
    if (bifrost.object(result.response, body).deleted !== true) {
      throw bifrost.fail(result.response, body, { message: 'expected `deleted: true` for the container, got none' });
    }
  },
  async get(bifrost, id, { signal }) {
    const { upstreamId, provider } = split(id);
    const result = await bifrost.client.GET('/v1/containers/{container_id}', {
      params: { path: { container_id: upstreamId }, query: { provider } },
      parseAs: 'text',
      signal,
    });
    const item = bifrost.object(result.response, bifrost.ok(result));
    if (typeof item.id !== 'string') {
      throw bifrost.fail(result.response, item, { message: 'expected a container with a string id, got none' });
    }
    return jobOf(bifrost, id, item);
  },
  /**
   * One upstream's containers, by cursor: the answer's `after` when it gives one (the gateway's encoded
   * multi-key cursor), else `last_id`, else the last container's id. Ids come back as `<id>:<upstream>`.
   */
  async listPage(bifrost, { cursor, options, signal }) {
    const provider = String(options.upstream);
    const result = await bifrost.client.GET('/v1/containers', {
      params: { query: { provider, after: cursor, limit: PAGE_SIZE } },
      parseAs: 'text',
      signal,
    });
    const page = bifrost.object(result.response, bifrost.ok(result));
    const items = bifrost.items(result.response, page.data, 'data', 'id');
    const next = [page.after, page.last_id, items.at(-1)?.id].find((c) => typeof c === 'string' && c !== '');
    return {
      jobs: items.map((item) => jobOf(bifrost, `${item.id as string}:${provider}`, item)),
      next: page.has_more === true && items.length > 0 ? (next as string) : undefined,
    };
  },
};

function jobOf(bifrost: BifrostConnection, id: string, item: Record<string, unknown>): Job {
  return {
    provider: 'bifrost',
    id,
    kind: 'container',
    // No status word: the gateway's only constant (it is there, and live).
    status: item.status === undefined || item.status === '' ? 'running' : bifrost.status(item.status, STATUS),
    urls: [],
    createdAt: parseVendorTime(item.created_at),
    raw: item,
  };
}
