#!/usr/bin/env node
// pnpm specs:update [--from <dir>]
// Refreshes the vendor docs pages in specs/sources/ and rebuilds the specs from them.
//   --from <dir>  take each page from <dir>/<its path under specs/> (offline; pages not there are kept)
//   otherwise     download each page that has a `fetch` address in specs/sources.yaml
// Pages are stored as the vendor serves them; the build normalises the specs, so a diff of specs/
// shows only real changes. Then run `pnpm generate` and `pnpm specs:diff`.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { writeSpecs } from './build-specs.mjs';

/**
 * Replaces each page's copy with its current text. `fetchText(url)` downloads one page. Returns the
 * pages that changed, and those that could not be refreshed with the reason (a failed download
 * included): the weekly workflow lists them in its pull request.
 * @param {{ specsDir: string, fromDir?: string, fetchText: (url: string) => Promise<string> }} options
 */
export async function updateSources({ specsDir, fromDir, fetchText }) {
  const config = parse(readFileSync(join(specsDir, 'sources.yaml'), 'utf8'));
  const changed = [];
  const kept = [];
  for (const entry of Object.values(config)) {
    for (const page of entry.pages) {
      let text;
      if (fromDir) {
        const local = join(fromDir, page.file);
        if (!existsSync(local)) {
          kept.push({ file: page.file, why: `not in ${fromDir}` });
          continue;
        }
        text = readFileSync(local, 'utf8');
      } else if (!page.fetch) {
        kept.push({ file: page.file, why: 'no fetch address in sources.yaml' });
        continue;
      } else {
        try {
          text = await fetchText(page.fetch);
        } catch (error) {
          // One page that cannot be read keeps its copy; the others are still refreshed.
          kept.push({ file: page.file, why: `download failed: ${error instanceof Error ? error.message : error}` });
          continue;
        }
      }
      const path = join(specsDir, page.file);
      if (readFileSync(path, 'utf8') !== text) {
        writeFileSync(path, text);
        changed.push(page.file);
      }
    }
  }
  return { changed, kept };
}

/** The specs no docs page builds (bifrost.yaml, a2e.yaml): nothing here can refresh them. */
export function handWrittenSpecs(specsDir) {
  const built = new Set(Object.keys(parse(readFileSync(join(specsDir, 'sources.yaml'), 'utf8'))));
  return readdirSync(specsDir).filter((file) => file.endsWith('.yaml') && file !== 'sources.yaml' && !built.has(file));
}

async function download(url) {
  const response = await fetch(url, { headers: { accept: 'text/markdown, text/plain, */*' } });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.text();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const args = process.argv.slice(2);
  const fromDir = args.includes('--from') ? args[args.indexOf('--from') + 1] : undefined;
  const specsDir = join(root, 'specs');
  const { changed, kept } = await updateSources({ specsDir, fromDir, fetchText: download });
  for (const file of changed) console.log(`updated specs/${file}`);
  for (const { file, why } of kept) console.log(`kept    specs/${file} (${why})`);
  for (const file of handWrittenSpecs(specsDir)) {
    console.log(
      `kept    specs/${file} (written by hand: compare it with the sources in its x-source and x-mediajobs-decisions)`,
    );
  }
  for (const file of writeSpecs(specsDir)) console.log(`built   ${file}`);
  console.log(changed.length > 0 ? 'Next: pnpm generate && pnpm specs:diff' : 'No page changed.');
}
