// specs:diff never lowers or loses a pending changeset. In a git repository holding copies of the real
// specs, manifests and pending changesets (A2E and Bifrost major, TensorsLab minor, all committed), a
// later minor A2E edit adds its own file; the committed ones stay byte for byte, and `changeset
// version` still releases A2E and Bifrost as major with every earlier line in the changelog.
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { parseChangeset, releaseLevels, supersedes } from '../lib/changeset-files.mjs';
import { runSpecsDiff, writeChangesets } from '../specs-diff.mjs';

const REPO = resolve('.');
const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.test', ...args], {
    cwd,
    encoding: 'utf8',
  });

/** A git repository with the real specs, package manifests and .changeset/, all committed. */
function repository() {
  const root = mkdtempSync(join(tmpdir(), 'specs-diff-pending-'));
  cpSync(join(REPO, 'specs'), join(root, 'specs'), { recursive: true });
  // Only the spec changesets: then each package's level comes from them alone (others name A2E too).
  mkdirSync(join(root, '.changeset'));
  for (const file of readdirSync(join(REPO, '.changeset')).filter((f) =>
    /^(specs-.*\.md|config\.json|README\.md)$/.test(f),
  ))
    cpSync(join(REPO, '.changeset', file), join(root, '.changeset', file));
  for (const file of ['package.json', 'pnpm-workspace.yaml']) cpSync(join(REPO, file), join(root, file));
  for (const dir of readdirSync(join(REPO, 'packages'))) {
    if (!existsSync(join(REPO, 'packages', dir, 'package.json'))) continue;
    mkdirSync(join(root, 'packages', dir), { recursive: true });
    cpSync(join(REPO, 'packages', dir, 'package.json'), join(root, 'packages', dir, 'package.json'));
  }
  git(root, 'init', '--quiet', '--initial-branch=main');
  git(root, 'add', '.');
  git(root, 'commit', '--quiet', '-m', 'base');
  return root;
}

/** A new optional query parameter on A2E's delete: a minor change. */
function addA2eParameter(root: string, name: string) {
  const file = join(root, 'specs', 'a2e.yaml');
  const spec = parse(readFileSync(file, 'utf8'));
  const op = spec.paths['/api/v1/video/{_id}'].delete;
  op.parameters = [...(op.parameters ?? []), { name, in: 'query', required: false, schema: { type: 'string' } }];
  writeFileSync(file, stringify(spec));
}

const read = (root: string) =>
  new Map(
    readdirSync(join(root, '.changeset'))
      .sort()
      .map((file) => [file, readFileSync(join(root, '.changeset', file), 'utf8')]),
  );
const changesetTexts = (files: Map<string, string>) =>
  [...files].filter(([file]) => file.endsWith('.md') && file !== 'README.md').map(([, text]) => text);
const quiet = () => {};

describe('specs:diff keeps pending changesets', () => {
  it('a minor edit of A2E after a pending major: A2E stays major with every line, Bifrost untouched', () => {
    const root = repository();
    const before = read(root);
    expect(parseChangeset(before.get('specs-a2e.md') ?? '').releases.get('@mediajobs/a2e')).toBe('major');

    addA2eParameter(root, 'trace');
    const { actions } = runSpecsDiff({ root, log: quiet });

    const after = read(root);
    // Every committed file is still there, byte for byte (Bifrost's hand-written one included).
    for (const [file, text] of before) expect(after.get(file), file).toBe(text);
    const added = [...after.keys()].filter((file) => !before.has(file));
    expect(added).toEqual([expect.stringMatching(/^specs-a2e-[0-9a-f]{8}\.md$/)]);
    expect(actions).toEqual([{ file: added[0], action: 'wrote', level: 'minor' }]);
    const text = after.get(added[0] ?? '') ?? '';
    expect(text).toContain('"@mediajobs/a2e": minor');
    expect(text).toContain('- DELETE /api/v1/video/{_id}: new optional parameter query trace');
    // The level each package is released at: the highest across its files.
    expect(Object.fromEntries(releaseLevels(changesetTexts(after)))).toMatchObject({
      '@mediajobs/a2e': 'major',
      '@mediajobs/bifrost': 'major',
      '@mediajobs/tensorslab': 'minor',
    });
  });

  it('`changeset version` releases the result as major, with the earlier lines and the new one', () => {
    const root = repository();
    addA2eParameter(root, 'trace');
    runSpecsDiff({ root, log: quiet });
    symlinkSync(join(REPO, 'node_modules'), join(root, 'node_modules'), 'dir');
    execFileSync(process.execPath, [join(REPO, 'node_modules', '@changesets', 'cli', 'bin.js'), 'version'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const version = (dir: string) =>
      JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8')).version;
    const from = (dir: string) => JSON.parse(readFileSync(join(REPO, 'packages', dir, 'package.json'), 'utf8')).version;
    const major = (v: string) => `${Number(v.split('.')[0]) + 1}.0.0`;
    expect(version('a2e')).toBe(major(from('a2e')));
    expect(version('bifrost')).toBe(major(from('bifrost')));
    // The changelog is formatted with prettier, which escapes Markdown (`\_id`).
    const changelog = readFileSync(join(root, 'packages', 'a2e', 'CHANGELOG.md'), 'utf8').replace(/\\(?=[_*[\]])/g, '');
    for (const line of parseChangeset(readFileSync(join(REPO, '.changeset', 'specs-a2e.md'), 'utf8')).lines)
      expect(changelog).toContain(line);
    expect(changelog).toContain('new optional parameter query trace');
  });

  it('running again on the same edit adds nothing', () => {
    const root = repository();
    addA2eParameter(root, 'trace');
    runSpecsDiff({ root, log: quiet });
    const once = read(root);
    const { actions } = runSpecsDiff({ root, log: quiet });
    expect(read(root)).toEqual(once);
    expect(actions.map((a) => a.action)).toEqual(['unchanged']);
  });

  it("a further uncommitted edit replaces the earlier run's untracked file, which it fully contains", () => {
    const root = repository();
    addA2eParameter(root, 'trace');
    runSpecsDiff({ root, log: quiet });
    const first = [...read(root).keys()].filter((f) => /^specs-a2e-/.test(f));
    addA2eParameter(root, 'region');
    runSpecsDiff({ root, log: quiet });
    const files = [...read(root).keys()].filter((f) => /^specs-a2e-/.test(f));
    expect(files).toHaveLength(1);
    expect(files).not.toEqual(first);
    const text = readFileSync(join(root, '.changeset', files[0] ?? ''), 'utf8');
    expect(text).toContain('new optional parameter query trace');
    expect(text).toContain('new optional parameter query region');
    expect(read(root).get('specs-a2e.md')).toBe(readFileSync(join(REPO, '.changeset', 'specs-a2e.md'), 'utf8'));
  });

  it("an earlier run's file is kept once git tracks it (staged or committed), even if the new one contains it", () => {
    const root = repository();
    addA2eParameter(root, 'trace');
    runSpecsDiff({ root, log: quiet });
    const [first] = [...read(root).keys()].filter((f) => /^specs-a2e-/.test(f));
    git(root, 'add', join('.changeset', first ?? ''));
    addA2eParameter(root, 'region');
    const { actions } = runSpecsDiff({ root, log: quiet });
    expect(read(root).has(first ?? '')).toBe(true);
    expect(actions.map((a) => a.action)).toEqual(['wrote']);
  });

  it("an earlier run's untracked file with a change the new diff lacks is left, and said so", () => {
    const root = repository();
    addA2eParameter(root, 'trace');
    runSpecsDiff({ root, log: quiet });
    const [first] = [...read(root).keys()].filter((f) => /^specs-a2e-/.test(f));
    git(root, 'checkout', '--', 'specs/a2e.yaml'); // the first edit undone, another made
    addA2eParameter(root, 'region');
    const log: string[] = [];
    const { actions } = runSpecsDiff({ root, log: (line: string) => log.push(line) });
    expect(read(root).has(first ?? '')).toBe(true);
    expect(actions).toContainEqual({ file: first, action: 'left' });
    expect(log.join('\n')).toContain(`left .changeset/${first} alone`);
    expect(log.join('\n')).toContain('@mediajobs/a2e will be released as major');
  });

  it('no spec change: nothing written, nothing deleted', () => {
    const root = repository();
    const before = read(root);
    const { changesets, actions } = runSpecsDiff({ root, log: quiet });
    expect(changesets).toEqual([]);
    expect(actions).toEqual([]);
    expect(read(root)).toEqual(before);
  });
});

describe('changeset files', () => {
  const file = (release: string, ...lines: string[]) => `---\n${release}\n---\n\n${lines.join('\n')}\n`;

  it('a new changeset supersedes an earlier one only with its level or higher and every line', () => {
    const earlier = file('"@mediajobs/a2e": minor', 'New:', '- a');
    expect(supersedes(file('"@mediajobs/a2e": minor', 'New:', '- a', '- b'), earlier)).toBe(true);
    expect(supersedes(file('"@mediajobs/a2e": major', 'Breaking changes:', '- c', 'New:', '- a'), earlier)).toBe(true);
    expect(supersedes(file('"@mediajobs/a2e": patch', 'New:', '- a'), earlier)).toBe(false); // lower level
    expect(supersedes(file('"@mediajobs/a2e": minor', 'New:', '- b'), earlier)).toBe(false); // a line lost
    expect(supersedes(file('"@mediajobs/tavus": minor', 'New:', '- a'), earlier)).toBe(false); // another package
    expect(supersedes(file('"@mediajobs/a2e": minor', 'New:', '- a'), `${earlier}\nA note by hand.\n`)).toBe(false);
  });

  it('the release level of a package is the highest across files', () => {
    const levels = releaseLevels([
      file('"@mediajobs/a2e": major\n"@mediajobs/core": patch', 'x'),
      file('"@mediajobs/a2e": minor\n"@mediajobs/core": minor', 'y'),
    ]);
    expect(Object.fromEntries(levels)).toEqual({ '@mediajobs/a2e': 'major', '@mediajobs/core': 'minor' });
  });

  it('without git (tracked unknown), no file is removed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'changesets-'));
    const earlier = file('"@mediajobs/a2e": minor', 'New:', '- a');
    writeFileSync(join(dir, 'specs-a2e-00000000.md'), earlier);
    const next = {
      file: 'specs-a2e-11111111.md',
      level: 'minor',
      text: file('"@mediajobs/a2e": minor', 'New:', '- a', '- b'),
    };
    writeChangesets({ changesetDir: dir, changesets: [next], tracked: undefined });
    expect(readdirSync(dir).sort()).toEqual(['specs-a2e-00000000.md', 'specs-a2e-11111111.md']);
    rmSync(dir, { recursive: true });
  });
});
