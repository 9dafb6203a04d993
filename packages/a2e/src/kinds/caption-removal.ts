import type { KindDefinition } from '@mediajobs/core';
import type { A2eConnection } from '../connection.js';
import { CREATED_SUCCESS } from '../connection.js';
import { done, type RecordKind, recordsPage } from './records.js';

const KIND: RecordKind = { name: 'caption-removal', statusRequired: true };

/**
 * A2E caption-removal tasks. Delete and list; no read of one here (its only known read takes the id in
 * the query, see specs/a2e.yaml), so a delete cannot be verified. Third-party paths only.
 */
export const captionRemoval: KindDefinition<A2eConnection, 'caption-removal'> = {
  name: 'caption-removal',
  summary: 'caption-removal tasks',
  creates: [
    { method: 'POST', path: '/api/v1/userCaptionRemoval/start', idField: 'data._id', success: CREATED_SUCCESS },
  ],
  unverified:
    'DELETE /api/v1/userCaptionRemoval/{_id} and GET …/allRecords come from third-party code only (A2E\'s menu shows a "Caption Removal" section)',
  async delete(a2e, id, { signal }) {
    done(
      a2e,
      await a2e.client.DELETE('/api/v1/userCaptionRemoval/{_id}', {
        params: { path: { _id: id } },
        parseAs: 'text',
        signal,
      }),
    );
  },
  listPage(a2e, { cursor, signal }) {
    return recordsPage(a2e, KIND, cursor, (query) =>
      a2e.client.GET('/api/v1/userCaptionRemoval/allRecords', { params: { query }, parseAs: 'text', signal }),
    );
  },
};
