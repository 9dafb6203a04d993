// The spec builder, with the vendors' own docs pages (the project's seed pages) as fixtures.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildAll } from '../build-specs.mjs';
import { annotateSource, applyMergePatch, extractOpenApi, mergeDocuments } from '../lib/openapi-pages.mjs';

const page = (file: string) => readFileSync(`specs/sources/${file}`, 'utf8');

describe('extractOpenApi', () => {
  it('finds the OpenAPI block embedded in a Mintlify docs page (TensorsLab seed)', () => {
    const doc = extractOpenApi(page('tensorslab/delete-video-task.page.md'));
    expect(doc.openapi).toBe('3.0.3');
    expect(Object.keys(doc.paths)).toEqual(['/v1/video/deletevideotask']);
    expect(doc.components.securitySchemes.ApiKeyAuth).toEqual({
      type: 'apiKey',
      in: 'header',
      name: 'Authorization',
      description: 'API Key Authorization',
    });
  });

  it('finds the block in the Tavus seed page, whose fence line names the operation', () => {
    const doc = extractOpenApi(page('tavus/delete-video.page.md'));
    expect(doc.paths['/v2/videos/{video_id}'].delete.operationId).toBe('deleteVideo');
  });

  it('takes a raw OpenAPI file as it is', () => {
    expect(extractOpenApi(page('tavus/get-video.openapi.yaml')).paths['/v2/videos/{video_id}'].get.operationId).toBe(
      'getVideo',
    );
  });

  it('says what is wrong with a page that has no spec', () => {
    expect(() => extractOpenApi('# Title\n\njust prose', 'x.md')).toThrow('x.md: no OpenAPI document found');
    expect(() => extractOpenApi('intro\n````yaml\nopenapi: 3.0.3\n', 'y.md')).toThrow('never closed');
  });
});

describe('mergeDocuments', () => {
  const a = { openapi: '3.0.3', info: { title: 'T', version: '1' }, paths: { '/a': { get: { operationId: 'a' } } } };
  const b = { openapi: '3.0.3', info: { title: 'T', version: '1' }, paths: { '/a': { post: { operationId: 'p' } } } };

  it('merges operations of one path from several pages, and identical repeats', () => {
    const merged = mergeDocuments([
      { name: 'a', doc: a },
      { name: 'b', doc: b },
      { name: 'a again', doc: a },
    ]);
    expect(merged.paths['/a']).toEqual({ get: { operationId: 'a' }, post: { operationId: 'p' } });
  });

  it('refuses two different definitions of the same thing, naming the page', () => {
    const changed = { ...a, paths: { '/a': { get: { operationId: 'renamed' } } } };
    expect(() =>
      mergeDocuments([
        { name: 'a', doc: a },
        { name: 'newer.md', doc: changed },
      ]),
    ).toThrow('newer.md: conflicting definition of paths /a get');
    expect(() =>
      mergeDocuments([
        { name: 'a', doc: a },
        { name: 'v2.md', doc: { ...a, info: { title: 'T', version: '2' } } },
      ]),
    ).toThrow('v2.md: conflicting definition of info');
  });

  it('marks each operation with the page it came from, keeping a source already named', () => {
    const doc = annotateSource(
      structuredClone({ paths: { '/a': { get: {}, post: { 'x-source': 'kept' } } } }),
      'https://x',
    );
    expect(doc.paths['/a'].get['x-source']).toBe('https://x');
    expect(doc.paths['/a'].post['x-source']).toBe('kept');
  });
});

describe('applyMergePatch (RFC 7386)', () => {
  it('merges objects, replaces arrays and scalars, deletes on null', () => {
    expect(
      applyMergePatch({ a: { b: 1, c: 2 }, d: [1, 2], e: 'x' }, { a: { c: 3 }, d: [9], e: null, f: true }),
    ).toEqual({
      a: { b: 1, c: 3 },
      d: [9],
      f: true,
    });
  });
});

describe('buildAll', () => {
  it('is deterministic: two builds are byte-identical', () => {
    const first = buildAll('specs');
    const second = buildAll('specs');
    expect(second.map((spec) => spec.text)).toEqual(first.map((spec) => spec.text));
  });

  it('produces the committed specs (run `pnpm specs:build` when this fails)', () => {
    for (const { file, text } of buildAll('specs')) expect(readFileSync(file, 'utf8'), file).toBe(text);
  });

  it("keeps each seed's delete operation exactly as its page has it", () => {
    const specs = Object.fromEntries(
      buildAll('specs').map(({ file, text }) => [file.replace(/^.*\//, ''), parse(text)]),
    );
    const seeds = [
      ['tensorslab-video.yaml', 'tensorslab/delete-video-task.page.md', '/v1/video/deletevideotask', 'post'],
      ['tensorslab-images.yaml', 'tensorslab/delete-image-task.page.md', '/v1/images/deleteimagestask', 'post'],
      ['tavus.yaml', 'tavus/delete-video.page.md', '/v2/videos/{video_id}', 'delete'],
    ] as const;
    for (const [spec, seedPage, path, method] of seeds) {
      const seed = extractOpenApi(page(seedPage));
      const built = specs[spec];
      const operation = structuredClone(built.paths[path][method]);
      // What the build may add: where it came from, and examples the page lacks.
      delete operation['x-source'];
      for (const media of Object.values<{ examples?: unknown }>(operation.requestBody?.content ?? {}))
        delete media.examples;
      for (const response of Object.values<{ content?: Record<string, { examples?: unknown }> }>(operation.responses)) {
        for (const media of Object.values(response.content ?? {})) delete media.examples;
      }
      const seedOperation = structuredClone(seed.paths[path][method]);
      for (const response of Object.values<{ content?: Record<string, { examples?: unknown }> }>(
        seedOperation.responses,
      )) {
        for (const media of Object.values(response.content ?? {})) delete media.examples;
      }
      expect(operation, spec).toEqual(seedOperation);
      for (const [name, schema] of Object.entries(seed.components?.schemas ?? {})) {
        expect(built.components.schemas[name], `${spec} ${name}`).toEqual(schema);
      }
      for (const [name, scheme] of Object.entries<Record<string, unknown>>(seed.components.securitySchemes)) {
        const { 'x-mediajobs-value-format': _, ...builtScheme } = built.components.securitySchemes[name];
        expect(builtScheme, `${spec} ${name}`).toEqual(scheme);
      }
    }
  });
});
