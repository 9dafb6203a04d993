import type { KindDefinition } from '@mediajobs/core';
import type { A2eConnection } from '../connection.js';
import { done, type RecordKind, recordsPage } from './records.js';

const KIND: RecordKind = { name: 'face-swap-image', statusRequired: false };

/**
 * Faces uploaded for A2E's face swaps (a person's face): biometric data. Delete and list; A2E has no
 * read of one, so a delete cannot be verified by reading it back. Unverified: the menu gives the
 * operations, the paths are third-party.
 */
export const faceSwapImage: KindDefinition<A2eConnection, 'face-swap-image'> = {
  name: 'face-swap-image',
  summary: 'faces uploaded for face swaps',
  unverified:
    "A2E's docs menu names Delete User Face Swap Image and Get Records of Face Swap Images (no method shown); DELETE /api/v1/userFaceSwapImage/{_id} and GET …/records come from third-party code",
  async delete(a2e, id, { signal }) {
    done(
      a2e,
      await a2e.client.DELETE('/api/v1/userFaceSwapImage/{_id}', {
        params: { path: { _id: id } },
        parseAs: 'text',
        signal,
      }),
    );
  },
  listPage(a2e, { cursor, signal }) {
    return recordsPage(a2e, KIND, cursor, (query) =>
      a2e.client.GET('/api/v1/userFaceSwapImage/records', { params: { query }, parseAs: 'text', signal }),
    );
  },
};
