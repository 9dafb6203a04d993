import type { KindDefinition } from '@mediajobs/core';
import type { A2eConnection } from '../connection.js';
import { CREATED_SUCCESS } from '../connection.js';
import { done, type RecordKind, recordsPage } from './records.js';

const KIND: RecordKind = { name: 'dubbing', statusRequired: true };

/**
 * A2E dubbing tasks (which clone the speakers' voices). Delete and list; no read of one here (its
 * only known read takes the id in the query, see specs/a2e.yaml), so a delete cannot be verified.
 * Third-party paths only.
 */
export const dubbing: KindDefinition<A2eConnection, 'dubbing'> = {
  name: 'dubbing',
  summary: "dubbing tasks (a video in another language, in its speakers' cloned voices)",
  creates: [
    { method: 'POST', path: '/api/v1/userDubbing/startDubbing', idField: 'data._id', success: CREATED_SUCCESS },
  ],
  unverified:
    'DELETE /api/v1/userDubbing/{_id} and GET …/allRecords come from third-party code only (A2E\'s menu shows an "AI Dubbing" section)',
  async delete(a2e, id, { signal }) {
    done(
      a2e,
      await a2e.client.DELETE('/api/v1/userDubbing/{_id}', { params: { path: { _id: id } }, parseAs: 'text', signal }),
    );
  },
  listPage(a2e, { cursor, signal }) {
    return recordsPage(a2e, KIND, cursor, (query) =>
      a2e.client.GET('/api/v1/userDubbing/allRecords', { params: { query }, parseAs: 'text', signal }),
    );
  },
};
