import type { KindDefinition } from '@mediajobs/core';
import type { A2eConnection } from '../connection.js';
import { CREATED_SUCCESS } from '../connection.js';
import { done, type RecordKind, readRecord, recordsPage } from './records.js';

const KIND: RecordKind = { name: 'face-swap-task', statusRequired: true };

/**
 * A2E face-swap tasks (a face swapped into a video or image). The list is A2E's documented page; the
 * delete and the read of one are third-party paths. Made from the uploaded face they swap in.
 */
export const faceSwapTask: KindDefinition<A2eConnection, 'face-swap-task'> = {
  name: 'face-swap-task',
  summary: 'face-swap results',
  creates: [{ method: 'POST', path: '/api/v1/userFaceSwapTask/add', idField: 'data._id', success: CREATED_SUCCESS }],
  madeFrom: ['face-swap-image'],
  unverified:
    "the list is A2E's page; DELETE and GET /api/v1/userFaceSwapTask/{_id} come from third-party code (A2E's menu: Delete Record, DELETE)",
  async delete(a2e, id, { signal }) {
    done(
      a2e,
      await a2e.client.DELETE('/api/v1/userFaceSwapTask/{_id}', {
        params: { path: { _id: id } },
        parseAs: 'text',
        signal,
      }),
    );
  },
  async get(a2e, id, { signal }) {
    const result = await a2e.client.GET('/api/v1/userFaceSwapTask/{_id}', {
      params: { path: { _id: id } },
      parseAs: 'text',
      signal,
    });
    return readRecord(a2e, KIND, id, result);
  },
  listPage(a2e, { cursor, signal }) {
    return recordsPage(a2e, KIND, cursor, (query) =>
      a2e.client.GET('/api/v1/userFaceSwapTask/records', { params: { query }, parseAs: 'text', signal }),
    );
  },
};
