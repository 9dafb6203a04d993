import type { KindDefinition } from '@mediajobs/core';
import type { A2eConnection } from '../connection.js';
import { CREATED_SUCCESS } from '../connection.js';
import { done, type RecordKind, readRecord, recordsPage } from './records.js';

const KIND: RecordKind = { name: 'avatar', statusRequired: false };

/**
 * A2E custom avatars ("video twins", trained from a person's video or image): biometric data. Remove,
 * get and list. Unverified: A2E's menu gives the operations and methods, the paths are third-party
 * (specs/a2e.yaml, x-mediajobs-unverified).
 */
export const avatar: KindDefinition<A2eConnection, 'avatar'> = {
  name: 'avatar',
  summary: "custom avatars (a person's likeness, trained on their video or image)",
  creates: [
    { method: 'POST', path: '/api/v1/userVideoTwin/startTraining', idField: 'data._id', success: CREATED_SUCCESS },
  ],
  unverified:
    "A2E's docs menu names Remove A Customized Avatar (POST), Get Status of All Tasks and Status of One Task (GET); the paths /api/v1/userVideoTwin/remove, /records and /{_id} come from third-party code",
  async delete(a2e, id, { signal }) {
    done(a2e, await a2e.client.POST('/api/v1/userVideoTwin/remove', { body: { _id: id }, parseAs: 'text', signal }));
  },
  async get(a2e, id, { signal }) {
    const result = await a2e.client.GET('/api/v1/userVideoTwin/{_id}', {
      params: { path: { _id: id } },
      parseAs: 'text',
      signal,
    });
    return readRecord(a2e, KIND, id, result);
  },
  listPage(a2e, { cursor, signal }) {
    return recordsPage(a2e, KIND, cursor, (query) =>
      a2e.client.GET('/api/v1/userVideoTwin/records', { params: { query }, parseAs: 'text', signal }),
    );
  },
};
