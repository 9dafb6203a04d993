// Turns vendor documentation pages into one OpenAPI document.
//
// A page is either a docs page with the spec embedded in a ```yaml fence (the Mintlify format of the
// TensorsLab and Tavus docs) or a raw OpenAPI YAML file. Pages are merged strictly: two pages may
// define the same thing only identically, so a vendor change never gets silently dropped. Decisions
// we take on top of the vendor's text live in an overlay, applied as a JSON merge patch (RFC 7386).
import { isDeepStrictEqual } from 'node:util';
import { parse, stringify } from 'yaml';

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const TOP_LEVEL_ORDER = ['openapi', 'info', 'servers', 'security', 'tags', 'paths', 'components'];
const COMPONENT_ORDER = [
  'schemas',
  'responses',
  'parameters',
  'examples',
  'requestBodies',
  'headers',
  'securitySchemes',
  'links',
  'callbacks',
];

/** Returns the OpenAPI document embedded in a docs page, or the page itself when it is raw YAML. */
export function extractOpenApi(text, name = 'page') {
  const lines = text.split(/\r?\n/);
  const open = lines.findIndex((line) => /^(`{3,})ya?ml\b/.test(line));
  let yamlText = text;
  if (open !== -1) {
    const fence = lines[open].match(/^`+/)[0];
    const close = lines.findIndex((line, i) => i > open && line.trim() === fence);
    if (close === -1) throw new Error(`${name}: the \`\`\`yaml block is never closed`);
    yamlText = lines.slice(open + 1, close).join('\n');
  }
  const doc = parse(yamlText);
  if (!isObject(doc) || typeof doc.openapi !== 'string') {
    throw new Error(`${name}: no OpenAPI document found (expected a \`openapi:\` key)`);
  }
  return doc;
}

/** Marks every operation of a page with the address it came from, unless it already names one. */
export function annotateSource(doc, source) {
  for (const pathItem of Object.values(doc.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const operation = pathItem?.[method];
      if (operation && operation['x-source'] === undefined) operation['x-source'] = source;
    }
  }
  return doc;
}

/**
 * Merges pages of one API. Identical repeats are fine; any other overlap is an error.
 * @param {{ name: string, doc: Record<string, any> }[]} pages
 * @returns {Record<string, any>}
 */
export function mergeDocuments(pages) {
  if (pages.length === 0) throw new Error('mergeDocuments: no pages');
  /** @type {Record<string, any>} */
  const merged = {};
  for (const { name, doc } of pages) {
    for (const [key, value] of Object.entries(doc)) {
      if (key === 'paths') mergeTwoLevels(merged, 'paths', value, name);
      else if (key === 'components') mergeTwoLevels(merged, 'components', value, name);
      else if (key === 'tags') merged.tags = mergeTags(merged.tags ?? [], value ?? [], name);
      else mergeValue(merged, key, value, `${key}`, name);
    }
  }
  return merged;
}

function mergeTwoLevels(merged, key, value, name) {
  merged[key] ??= {};
  for (const [outer, inner] of Object.entries(value ?? {})) {
    merged[key][outer] ??= {};
    for (const [innerKey, innerValue] of Object.entries(inner ?? {})) {
      mergeValue(merged[key][outer], innerKey, innerValue, `${key} ${outer} ${innerKey}`, name);
    }
  }
}

function mergeValue(target, key, value, where, name) {
  if (!(key in target)) target[key] = structuredClone(value);
  else if (!isDeepStrictEqual(target[key], value)) {
    throw new Error(`${name}: conflicting definition of ${where} (differs from an earlier page)`);
  }
}

function mergeTags(existing, incoming, name) {
  const tags = [...existing];
  for (const tag of incoming) {
    const same = tags.find((t) => t.name === tag.name);
    if (!same) tags.push(structuredClone(tag));
    else if (!isDeepStrictEqual(same, tag)) throw new Error(`${name}: conflicting tag ${tag.name}`);
  }
  return tags;
}

/** RFC 7386 JSON merge patch: objects merge, `null` deletes, anything else replaces. */
export function applyMergePatch(target, patch) {
  if (!isObject(patch)) return structuredClone(patch);
  const result = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = applyMergePatch(result[key], value);
  }
  return result;
}

/** Orders keys so that output depends only on content: sections first, paths and components sorted. */
export function normalize(doc) {
  const ordered = {};
  for (const key of TOP_LEVEL_ORDER) if (doc[key] !== undefined) ordered[key] = doc[key];
  if (ordered.paths) ordered.paths = sortKeys(ordered.paths);
  if (ordered.components) {
    const components = {};
    for (const section of COMPONENT_ORDER) {
      const entries = ordered.components[section];
      if (entries && Object.keys(entries).length > 0) components[section] = sortKeys(entries);
    }
    ordered.components = components;
  }
  for (const key of Object.keys(doc).sort()) if (!(key in ordered)) ordered[key] = doc[key];
  return ordered;
}

export function serialize(doc, header) {
  const body = stringify(doc, { lineWidth: 100, aliasDuplicateObjects: false });
  return `${header.map((line) => `# ${line}`.trimEnd()).join('\n')}\n${body}`;
}

function sortKeys(object) {
  return Object.fromEntries(
    Object.keys(object)
      .sort()
      .map((key) => [key, object[key]]),
  );
}

function isObject(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
