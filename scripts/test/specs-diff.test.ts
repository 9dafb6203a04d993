// specs:diff end to end on copies of the real specs: a change in each class gives a changeset for
// the right package, at the right level, with the change in words.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { specReport } from '../specs-diff.mjs';

// biome-ignore lint/suspicious/noExplicitAny: a parsed spec, which each case edits freely
type Spec = any;

/** A copy of specs/ and the packages' package.json files, with `edit` applied to some specs. */
function workspace(edit: Record<string, (spec: Spec) => void>) {
  const dir = mkdtempSync(join(tmpdir(), 'specs-diff-'));
  cpSync('specs', join(dir, 'specs'), { recursive: true });
  for (const pkg of ['tavus', 'bifrost', 'a2e', 'tensorslab', 'core', 'mediajobs']) {
    cpSync(`packages/${pkg}/package.json`, join(dir, 'packages', pkg, 'package.json'));
  }
  for (const [file, change] of Object.entries(edit)) {
    const spec = parse(readFileSync(join(dir, 'specs', file), 'utf8'));
    change(spec);
    writeFileSync(join(dir, 'specs', file), stringify(spec));
  }
  const readBase = (file: string) => readFileSync(join('specs', file), 'utf8');
  return specReport({ specsDir: join(dir, 'specs'), packagesDir: join(dir, 'packages'), readBase });
}

describe('specs:diff', () => {
  it('no change, no changeset', () => {
    const { specs, changesets } = workspace({});
    expect(specs.every((spec) => spec.changes.length === 0)).toBe(true);
    expect(changesets).toEqual([]);
  });

  it('a removed operation: a major changeset for @mediajobs/tavus that lists it', () => {
    const { changesets } = workspace({ 'tavus.yaml': (spec) => delete spec.paths['/v2/videos/{video_id}/name'] });
    expect(changesets).toHaveLength(1);
    expect(changesets[0]?.file).toMatch(/^specs-tavus-[0-9a-f]{8}\.md$/);
    expect(changesets[0]?.text).toBe(
      [
        '---',
        '"@mediajobs/tavus": major',
        '---',
        '',
        'Regenerated from an updated vendor spec: Tavus Developer API Collection (specs/tavus.yaml).',
        '',
        'Breaking changes:',
        '- PATCH /v2/videos/{video_id}/name: removed operation renameVideo',
        '',
      ].join('\n'),
    );
  });

  it('a new optional field: minor, under New', () => {
    const { changesets } = workspace({
      'bifrost.yaml': (spec) => {
        spec.components.schemas.VideoDeleteResponse.properties.deleted_at = { type: 'integer' };
      },
    });
    expect(changesets[0]?.level).toBe('minor');
    expect(changesets[0]?.text).toContain('"@mediajobs/bifrost": minor');
    expect(changesets[0]?.text).toContain(
      'New:\n- DELETE /v1/videos/{video_id} response 200 (application/json): new optional field deleted_at',
    );
  });

  it('a description: patch, under Documentation', () => {
    const { changesets } = workspace({
      'a2e.yaml': (spec) => {
        spec.paths['/api/v1/video/{_id}'].delete.summary = 'Delete or cancel one video';
      },
    });
    expect(changesets[0]?.text).toContain('"@mediajobs/a2e": patch');
    expect(changesets[0]?.text).toContain('Documentation:\n- DELETE /api/v1/video/{_id}: changed summary');
  });

  it('both TensorsLab specs go into one changeset for @mediajobs/tensorslab, at the higher level', () => {
    const { changesets } = workspace({
      'tensorslab-video.yaml': (spec) => {
        spec.components.schemas.TaskInfoData.properties.task_status.description = 'Status code';
      },
      'tensorslab-images.yaml': (spec) => {
        spec.components.schemas.DeleteImagesTaskRequest.required.push('uid');
      },
    });
    expect(changesets).toHaveLength(1);
    expect(changesets[0]?.level).toBe('major');
    expect(changesets[0]?.text).toContain('"@mediajobs/tensorslab": major');
    expect(changesets[0]?.text).toContain('field uid is now required');
    expect(changesets[0]?.text).toContain('specs/tensorslab-video.yaml');
  });

  it('a spec that did not exist at the base is a new API (minor)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'specs-diff-'));
    cpSync('specs', join(dir, 'specs'), { recursive: true });
    cpSync('packages/a2e/package.json', join(dir, 'packages', 'a2e', 'package.json'));
    const { changesets } = specReport({
      specsDir: join(dir, 'specs'),
      packagesDir: join(dir, 'packages'),
      readBase: (file: string) => (file === 'a2e.yaml' ? undefined : readFileSync(join('specs', file), 'utf8')),
    });
    expect(changesets.map((c) => [c.file, c.level])).toEqual([[expect.stringMatching(/^specs-a2e-/), 'minor']]);
  });
});
