import type { KindDefinition } from '@mediajobs/core';
import type { A2eConnection } from '../connection.js';
import { done } from './records.js';

/**
 * A2E custom background images. Delete only: the background list mixes A2E's stock images with the
 * account's own and nothing tells them apart, and there is no read of one.
 */
export const background: KindDefinition<A2eConnection, 'background'> = {
  name: 'background',
  summary: 'custom background images',
  cannotList:
    "A2E's background list mixes its stock backgrounds with the account's own, and nothing tells them apart: delete by the _id that add_background returned",
  unverified:
    'DELETE /api/v1/anchor/background/{_id} comes from third-party code; one version of A2E\'s menu shows "Delete Custom Image" as POST',
  async delete(a2e, id, { signal }) {
    done(
      a2e,
      await a2e.client.DELETE('/api/v1/anchor/background/{_id}', {
        params: { path: { _id: id } },
        parseAs: 'text',
        signal,
      }),
    );
  },
};
