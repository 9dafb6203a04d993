// Fixture pairs for every class of spec change: each mutation of a small base spec must come out at
// its semver level, with a change message that names it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { diffSpecs, levelOf } from '../lib/spec-diff.mjs';

/** A small spec that has what the vendors' specs have: path params, a query, a body, $ref and allOf. */
const BASE = parse(`
openapi: 3.0.3
info: { title: Fixture, version: 1.0.0 }
servers: [{ url: https://api.example.test }]
security: [{ key: [] }]
paths:
  /v1/jobs/{id}:
    get:
      operationId: getJob
      summary: Get a job
      parameters:
        - { name: id, in: path, required: true, schema: { type: string } }
        - { name: verbose, in: query, schema: { type: boolean } }
      responses:
        '200':
          description: OK
          content:
            application/json:
              schema: { $ref: '#/components/schemas/Job' }
              example: { id: j1, status: queued }
        '404': { description: Not found }
    delete:
      operationId: deleteJob
      parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
      responses: { '200': { description: Deleted } }
  /v1/jobs:
    post:
      operationId: createJob
      requestBody:
        required: true
        content:
          application/json:
            schema: { $ref: '#/components/schemas/CreateJob' }
      responses:
        '200':
          description: Created
          content: { application/json: { schema: { $ref: '#/components/schemas/Job' } } }
components:
  securitySchemes:
    key: { type: apiKey, in: header, name: x-api-key }
  schemas:
    Base:
      type: object
      required: [id]
      properties:
        id: { type: string, description: The id }
    Job:
      allOf:
        - $ref: '#/components/schemas/Base'
        - type: object
          properties:
            status: { type: string, enum: [queued, running, done] }
            progress: { type: integer }
    CreateJob:
      type: object
      required: [prompt]
      properties:
        prompt: { type: string }
        seconds: { type: integer }
`);

type Mutation = (doc: typeof BASE) => void;
const job = (doc: typeof BASE) => doc.components.schemas.Job.allOf[1].properties;
const create = (doc: typeof BASE) => doc.components.schemas.CreateJob;
const getOp = (doc: typeof BASE) => doc.paths['/v1/jobs/{id}'].get;

const CASES: [string, 'major' | 'minor' | 'patch', RegExp, Mutation][] = [
  ['removed operation', 'major', /removed operation deleteJob/, (d) => delete d.paths['/v1/jobs/{id}'].delete],
  ['removed response field', 'major', /removed field progress/, (d) => delete job(d).progress],
  [
    'renamed field',
    'major',
    /removed field progress/,
    (d) => {
      job(d).percent = job(d).progress;
      delete job(d).progress;
    },
  ],
  [
    'new required parameter',
    'major',
    /new required parameter header x-tenant/,
    (d) => getOp(d).parameters.push({ name: 'x-tenant', in: 'header', required: true, schema: { type: 'string' } }),
  ],
  [
    'new required body field',
    'major',
    /new required field model/,
    (d) => {
      create(d).properties.model = { type: 'string' };
      create(d).required.push('model');
    },
  ],
  [
    'narrowed enum',
    'major',
    /enum narrowed: removed "done"/,
    (d) => {
      job(d).status.enum = ['queued', 'running'];
    },
  ],
  [
    'changed type',
    'major',
    /type changed from "integer" to "string"/,
    (d) => {
      create(d).properties.seconds.type = 'string';
    },
  ],
  [
    'change behind a $ref',
    'major',
    /id: type changed/,
    (d) => {
      d.components.schemas.Base.properties.id = { type: 'integer' };
    },
  ],
  [
    'field removed from an allOf member',
    'major',
    /removed field id/,
    (d) => {
      d.components.schemas.Base.properties = {};
      d.components.schemas.Base.required = [];
    },
  ],
  [
    'response field no longer guaranteed (allOf required)',
    'major',
    /field id is now optional/,
    (d) => {
      d.components.schemas.Base.required = [];
    },
  ],
  ['removed response', 'major', /removed response 404/, (d) => delete getOp(d).responses['404']],
  [
    'changed auth',
    'major',
    /authentication scheme key changed/,
    (d) => {
      d.components.securitySchemes.key.name = 'authorization';
    },
  ],
  [
    'renamed operationId',
    'major',
    /operationId getJob renamed/,
    (d) => {
      getOp(d).operationId = 'fetchJob';
    },
  ],
  [
    'new operation',
    'minor',
    /new operation listJobs/,
    (d) => {
      d.paths['/v1/jobs'].get = { operationId: 'listJobs', responses: { '200': { description: 'OK' } } };
    },
  ],
  [
    'new optional response field',
    'minor',
    /new optional field eta/,
    (d) => {
      job(d).eta = { type: 'integer' };
    },
  ],
  [
    'new optional body field',
    'minor',
    /new optional field seed/,
    (d) => {
      create(d).properties.seed = { type: 'integer' };
    },
  ],
  [
    'new optional parameter',
    'minor',
    /new optional parameter query fields/,
    (d) => getOp(d).parameters.push({ name: 'fields', in: 'query', schema: { type: 'string' } }),
  ],
  ['widened enum', 'minor', /enum widened: added "failed"/, (d) => job(d).status.enum.push('failed')],
  [
    'new response',
    'minor',
    /new response 429/,
    (d) => {
      getOp(d).responses['429'] = { description: 'Too many requests' };
    },
  ],
  [
    'new field inside an allOf member',
    'minor',
    /new optional field owner/,
    (d) => {
      d.components.schemas.Base.properties.owner = { type: 'string' };
    },
  ],
  [
    'description',
    'patch',
    /changed description/,
    (d) => {
      d.components.schemas.Base.properties.id.description = 'The job id';
    },
  ],
  [
    'example',
    'patch',
    /changed examples/,
    (d) => {
      getOp(d).responses['200'].content['application/json'].example = { id: 'j2', status: 'done' };
    },
  ],
  [
    'summary',
    'patch',
    /changed summary/,
    (d) => {
      getOp(d).summary = 'Read one job';
    },
  ],
];

describe('diffSpecs', () => {
  it.each(CASES)('%s -> %s', (_, level, message, mutate) => {
    const after = structuredClone(BASE);
    mutate(after);
    const changes = diffSpecs(BASE, after);
    expect(levelOf(changes), JSON.stringify(changes)).toBe(level);
    expect(changes.map((change) => `${change.where}: ${change.what}`).join('\n')).toMatch(message);
  });

  it('finds no change between a spec and itself (the real specs included)', () => {
    expect(diffSpecs(BASE, structuredClone(BASE))).toEqual([]);
    for (const api of ['tavus', 'bifrost', 'a2e', 'tensorslab-video', 'tensorslab-images']) {
      const spec = parse(readFileSync(`specs/${api}.yaml`, 'utf8'));
      expect(diffSpecs(spec, structuredClone(spec)), api).toEqual([]);
    }
  });

  it('reports every change, not just the highest', () => {
    const after = structuredClone(BASE);
    delete after.paths['/v1/jobs/{id}'].delete;
    getOp(after).summary = 'Read one job';
    const levels = diffSpecs(BASE, after)
      .map((change) => change.level)
      .sort();
    expect(levels).toEqual(['major', 'patch']);
  });

  it('sees a change in a real spec: Bifrost with remix removed is major', () => {
    const before = parse(readFileSync('specs/bifrost.yaml', 'utf8'));
    const after = structuredClone(before);
    delete after.paths['/v1/videos/{video_id}/remix'];
    const changes = diffSpecs(before, after);
    expect(changes).toEqual([
      { level: 'major', where: 'POST /v1/videos/{video_id}/remix', what: 'removed operation videoRemix' },
    ]);
  });
});
