// Reading changeset files, and the rule by which specs:diff may replace one it wrote earlier.
// Changesets takes the highest level per package across all pending files, so a new spec change is
// always a new file: a pending changeset is never rewritten, lowered or deleted for it. The one
// exception keeps nothing from being lost: an untracked file that specs:diff itself wrote (name
// `specs-<dir>-<hash>.md`) may go when the new changeset for the same package has its level or higher
// and every one of its lines (a re-run after a further uncommitted edit of the same spec).
import { LEVELS } from './spec-diff.mjs';

/** specs:diff's own file names: `specs-<package dir>-<8 hex digits of the text's sha256>.md`. */
export const GENERATED_NAME = /^specs-(.+)-([0-9a-f]{8})\.md$/;

/**
 * The releases a changeset file names (its front matter) and the non-empty lines of its text.
 * @returns {{ releases: Map<string, 'major' | 'minor' | 'patch'>, lines: string[] }}
 */
export function parseChangeset(text) {
  const releases = new Map();
  const match = text.replace(/\r\n/g, '\n').match(/^---\n([\s\S]*?)\n---\n?([\s\S]*)$/);
  for (const line of match?.[1].split('\n') ?? []) {
    const release = line.match(/^\s*["']?([^"':]+)["']?\s*:\s*(major|minor|patch)\s*$/);
    if (release) releases.set(release[1], release[2]);
  }
  const body = match ? match[2] : text;
  const lines = body
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  return { releases, lines };
}

/**
 * Does `next` carry everything `earlier` does? Same single package, a level at least as high, and
 * every line of `earlier` (its prose included, if someone edited it). Only then may `earlier` go.
 */
export function supersedes(next, earlier) {
  const a = parseChangeset(next);
  const b = parseChangeset(earlier);
  if (a.releases.size !== 1 || b.releases.size !== 1) return false;
  const [[name, level]] = a.releases;
  const earlierLevel = b.releases.get(name);
  if (earlierLevel === undefined || LEVELS.indexOf(earlierLevel) > LEVELS.indexOf(level)) return false;
  const lines = new Set(a.lines);
  return b.lines.every((line) => lines.has(line));
}

/** The highest level per package across every changeset text, as `changeset version` applies them. */
export function releaseLevels(texts) {
  const levels = new Map();
  for (const text of texts) {
    for (const [name, level] of parseChangeset(text).releases) {
      const current = levels.get(name);
      if (current === undefined || LEVELS.indexOf(level) > LEVELS.indexOf(current)) levels.set(name, level);
    }
  }
  return levels;
}
