import type { KindDefinition } from '@mediajobs/core';
import type { A2eConnection } from '../connection.js';
import { CREATED_SUCCESS } from '../connection.js';
import { done, type RecordKind, readRecord, recordsPage } from './records.js';

const KIND: RecordKind = { name: 'image-to-video', statusRequired: true };

/** A2E image-to-video tasks. The read of one is A2E's page; the delete and the list are named on A2E's agent page. */
export const imageToVideo: KindDefinition<A2eConnection, 'image-to-video'> = {
  name: 'image-to-video',
  summary: 'image-to-video tasks',
  creates: [{ method: 'POST', path: '/api/v1/userImage2Video/start', idField: 'data._id', success: CREATED_SUCCESS }],
  unverified:
    "the list's paging and answer and the delete's answer are third-party (A2E's agent page names the paths only)",
  async delete(a2e, id, { signal }) {
    done(
      a2e,
      await a2e.client.DELETE('/api/v1/userImage2Video/{_id}', {
        params: { path: { _id: id } },
        parseAs: 'text',
        signal,
      }),
    );
  },
  async get(a2e, id, { signal }) {
    const result = await a2e.client.GET('/api/v1/userImage2Video/{_id}', {
      params: { path: { _id: id } },
      parseAs: 'text',
      signal,
    });
    return readRecord(a2e, KIND, id, result);
  },
  listPage(a2e, { cursor, signal }) {
    return recordsPage(a2e, KIND, cursor, (query) =>
      a2e.client.GET('/api/v1/userImage2Video/allRecords', { params: { query }, parseAs: 'text', signal }),
    );
  },
};
