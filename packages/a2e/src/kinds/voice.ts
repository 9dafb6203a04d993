import type { KindDefinition } from '@mediajobs/core';
import type { A2eConnection } from '../connection.js';
import { CREATED_SUCCESS } from '../connection.js';
import { done, listedRecords, type RecordKind, readRecord } from './records.js';

const KIND: RecordKind = { name: 'voice', statusRequired: false };

/**
 * A2E voice clones (a person's voice): biometric data. Delete, get, and list (the finished clones, in
 * one page; those still training are minutes old and not listed). Unverified: A2E's menu gives the operations and methods, the paths are third-party.
 * A voice cloned from an avatar's video is made from that avatar.
 */
export const voice: KindDefinition<A2eConnection, 'voice'> = {
  name: 'voice',
  summary: "voice clones (a person's voice)",
  creates: [{ method: 'POST', path: '/api/v1/userVoice/training', idField: 'data._id', success: CREATED_SUCCESS }],
  madeFrom: ['avatar'],
  unverified:
    "A2E's docs menu names Delete a User Voice (DELETE), Get Details of a Voice, List Voice Clone Options (GET); the paths under /api/v1/userVoice come from third-party code",
  async delete(a2e, id, { signal }) {
    done(
      a2e,
      await a2e.client.DELETE('/api/v1/userVoice/{_id}', { params: { path: { _id: id } }, parseAs: 'text', signal }),
    );
  },
  async get(a2e, id, { signal }) {
    const result = await a2e.client.GET('/api/v1/userVoice/{_id}', {
      params: { path: { _id: id } },
      parseAs: 'text',
      signal,
    });
    return readRecord(a2e, KIND, id, result);
  },
  async listPage(a2e, { signal }) {
    const result = await a2e.client.GET('/api/v1/userVoice/completedRecord', { parseAs: 'text', signal });
    return { jobs: listedRecords(a2e, KIND, result, 'data') };
  },
};
