// specs:update on a copy of specs/: pages from a local folder (offline) or downloaded, then rebuilt.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildAll } from '../build-specs.mjs';
import { handWrittenSpecs, updateSources } from '../specs-update.mjs';

const DELETE_PAGE = 'sources/tavus/delete-video.page.md';
const newerDeletePage = () =>
  readFileSync(`specs/${DELETE_PAGE}`, 'utf8').replace(
    'CAUTION: This action is irrevocable.',
    'CAUTION: This action is irrevocable and also removes thumbnails.',
  );

/** Every source page in sources.yaml, and those with a fetch address: counted, not written in the tests. */
function pagesOf(specsDir: string) {
  const config = parse(readFileSync(join(specsDir, 'sources.yaml'), 'utf8'));
  const pages = Object.values<{ pages: { file: string; fetch?: string }[] }>(config).flatMap((entry) => entry.pages);
  return { all: pages.length, fetched: pages.filter((page) => page.fetch).length };
}

function copyOfSpecs() {
  const dir = mkdtempSync(join(tmpdir(), 'specs-update-'));
  cpSync('specs', join(dir, 'specs'), { recursive: true });
  return join(dir, 'specs');
}

const hardDescription = (specsDir: string) => {
  const tavus = buildAll(specsDir).find((spec) => spec.file.endsWith('tavus.yaml'));
  const parameters = parse(tavus?.text ?? '').paths['/v2/videos/{video_id}'].delete.parameters;
  return parameters.find((p: { name: string }) => p.name === 'hard').description as string;
};

/** What a vendor would serve at `url`: the page's copy, and a newer Delete Video page. */
function servedPage(specsDir: string, url: string): string {
  const config = parse(readFileSync(join(specsDir, 'sources.yaml'), 'utf8'));
  const page = Object.values<{ pages: { file: string; fetch?: string }[] }>(config)
    .flatMap((entry) => entry.pages)
    .find((p) => p.fetch === url);
  return page?.file === DELETE_PAGE ? newerDeletePage() : readFileSync(join('specs', page?.file ?? ''), 'utf8');
}

describe('specs:update', () => {
  it('offline: takes pages from a folder, keeps the others, and the rebuilt spec has the change', async () => {
    const specsDir = copyOfSpecs();
    const fromDir = mkdtempSync(join(tmpdir(), 'pages-'));
    mkdirSync(join(fromDir, 'sources', 'tavus'), { recursive: true });
    writeFileSync(join(fromDir, DELETE_PAGE), newerDeletePage());
    const { changed, kept } = await updateSources({
      specsDir,
      fromDir,
      fetchText: () => Promise.reject(new Error('offline')),
    });
    expect(changed).toEqual([DELETE_PAGE]);
    expect(kept).toHaveLength(pagesOf(specsDir).all - 1);
    expect(kept.length).toBeGreaterThanOrEqual(8);
    expect(hardDescription(specsDir)).toContain('also removes thumbnails');
  });

  it('online: downloads each page that has a fetch address; the others are kept with the reason', async () => {
    const specsDir = copyOfSpecs();
    const requested: string[] = [];
    const fetchText = async (url: string) => {
      requested.push(url);
      return servedPage(specsDir, url);
    };
    const { changed, kept } = await updateSources({ specsDir, fetchText });
    expect(requested).toHaveLength(pagesOf(specsDir).fetched);
    expect(requested.length).toBeGreaterThanOrEqual(8);
    expect(requested.every((url) => url.startsWith('https://docs.') && url.endsWith('.md'))).toBe(true);
    expect(changed).toEqual([DELETE_PAGE]);
    expect(kept).toEqual([
      { file: 'sources/tensorslab/delete-image-task.page.md', why: 'no fetch address in sources.yaml' },
    ]);
    expect(hardDescription(specsDir)).toContain('also removes thumbnails');
  });

  it('a page whose download fails keeps its copy, with the reason; the others are refreshed', async () => {
    const specsDir = copyOfSpecs();
    const fetchText = async (url: string) => {
      if (url.includes('get-videos')) throw new Error(`${url}: HTTP 503`);
      return servedPage(specsDir, url);
    };
    const { changed, kept } = await updateSources({ specsDir, fetchText });
    expect(changed).toEqual([DELETE_PAGE]);
    expect(kept).toContainEqual({
      file: 'sources/tavus/get-videos.openapi.yaml',
      why: 'download failed: https://docs.tavus.io/api-reference/video-request/get-videos.md: HTTP 503',
    });
  });

  it('names the hand-written specs, which no page refreshes', () => {
    expect(handWrittenSpecs('specs').sort()).toEqual(['a2e.yaml', 'bifrost.yaml']);
  });

  it('is deterministic: the same pages give byte-identical specs', async () => {
    const specsDir = copyOfSpecs();
    await updateSources({ specsDir, fromDir: 'specs', fetchText: () => Promise.reject(new Error('offline')) });
    expect(buildAll(specsDir).map((s) => s.text)).toEqual(buildAll('specs').map((s) => s.text));
  });
});
