// Classifies the differences between two versions of an OpenAPI spec by what they mean for the
// generated client: major (code written against the old spec may break), minor (new things),
// patch (documentation only). Schemas are compared after resolving $ref and folding allOf, so a
// change behind a reference or inside an allOf member is seen where it is used.
import { isDeepStrictEqual } from 'node:util';

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const DOC_KEYWORDS = new Set(['description', 'summary', 'example', 'examples', 'title', 'externalDocs', 'deprecated']);
export const LEVELS = ['patch', 'minor', 'major'];

/**
 * @typedef {{ level: 'major' | 'minor' | 'patch', where: string, what: string }} Change
 */

/** The highest level among changes, or undefined when there are none. */
export function levelOf(changes) {
  return changes.reduce(
    (level, change) => (LEVELS.indexOf(change.level) > LEVELS.indexOf(level ?? '') ? change.level : level),
    undefined,
  );
}

/**
 * Every difference between two spec documents that a user of the generated client should hear of.
 * @returns {Change[]}
 */
export function diffSpecs(before, after) {
  const changes = [];
  const add = (level, where, what) => changes.push({ level, where, what });
  const oldOps = operations(before);
  const newOps = operations(after);

  for (const [key, op] of oldOps) {
    if (!newOps.has(key)) add('major', key, `removed operation ${op.operation.operationId ?? key}`);
  }
  for (const [key, op] of newOps) {
    const old = oldOps.get(key);
    if (!old) {
      add('minor', key, `new operation ${op.operation.operationId ?? key}`);
      continue;
    }
    compareOperation(add, key, before, old, after, op);
  }

  compareSecurity(add, before, after);
  if (!isDeepStrictEqual(before.servers, after.servers)) add('minor', 'servers', 'changed servers (default base URL)');
  if (!isDeepStrictEqual(before.info, after.info)) add('patch', 'info', 'changed info (title, version or description)');
  if (!isDeepStrictEqual(before.tags, after.tags)) add('patch', 'tags', 'changed tags');
  return changes;
}

function operations(doc) {
  const result = new Map();
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      if (item?.[method]) {
        result.set(`${method.toUpperCase()} ${path}`, {
          operation: item[method],
          pathParameters: item.parameters ?? [],
        });
      }
    }
  }
  return result;
}

function compareOperation(add, key, beforeDoc, before, afterDoc, after) {
  const oldOp = before.operation;
  const newOp = after.operation;
  for (const field of ['summary', 'description', 'tags', 'x-source']) {
    if (!isDeepStrictEqual(oldOp[field], newOp[field])) add('patch', key, `changed ${field}`);
  }
  if (oldOp.operationId !== newOp.operationId) {
    add('major', key, `operationId ${oldOp.operationId} renamed to ${newOp.operationId} (generated type names change)`);
  }

  // Parameters, by location and name (path-level ones included).
  const params = (doc, op) =>
    new Map(
      [...op.pathParameters, ...(op.operation.parameters ?? [])]
        .map((p) => resolve(doc, p))
        .map((p) => [`${p.in} ${p.name}`, p]),
    );
  const oldParams = params(beforeDoc, before);
  const newParams = params(afterDoc, after);
  for (const [name, param] of oldParams) {
    if (!newParams.has(name)) add('major', key, `removed parameter ${name}`);
    else {
      const next = newParams.get(name);
      if (!param.required && next.required) add('major', key, `parameter ${name} is now required`);
      if (param.required && !next.required) add('minor', key, `parameter ${name} is now optional`);
      if (!isDeepStrictEqual(param.description, next.description))
        add('patch', key, `changed description of parameter ${name}`);
      compareSchemas(add, `${key} parameter ${name}`, 'request', beforeDoc, param.schema, afterDoc, next.schema);
    }
  }
  for (const [name, param] of newParams) {
    if (!oldParams.has(name))
      add(param.required ? 'major' : 'minor', key, `new ${param.required ? 'required' : 'optional'} parameter ${name}`);
  }

  // Request body.
  const oldBody = oldOp.requestBody && resolve(beforeDoc, oldOp.requestBody);
  const newBody = newOp.requestBody && resolve(afterDoc, newOp.requestBody);
  if (oldBody && !newBody) add('major', key, 'removed request body');
  if (!oldBody && newBody)
    add(newBody.required ? 'major' : 'minor', key, `new ${newBody.required ? 'required' : 'optional'} request body`);
  if (oldBody && newBody) {
    if (!oldBody.required && newBody.required) add('major', key, 'request body is now required');
    compareContent(add, `${key} request body`, 'request', beforeDoc, oldBody.content, afterDoc, newBody.content);
  }

  // Responses, by status.
  const oldResponses = oldOp.responses ?? {};
  const newResponses = newOp.responses ?? {};
  for (const status of Object.keys(oldResponses)) {
    if (!(status in newResponses)) add('major', key, `removed response ${status}`);
  }
  for (const status of Object.keys(newResponses)) {
    if (!(status in oldResponses)) {
      add('minor', key, `new response ${status}`);
      continue;
    }
    const oldResponse = resolve(beforeDoc, oldResponses[status]);
    const newResponse = resolve(afterDoc, newResponses[status]);
    if (!isDeepStrictEqual(oldResponse.description, newResponse.description))
      add('patch', key, `changed description of response ${status}`);
    compareContent(
      add,
      `${key} response ${status}`,
      'response',
      beforeDoc,
      oldResponse.content,
      afterDoc,
      newResponse.content,
    );
  }
}

function compareContent(add, where, direction, beforeDoc, before = {}, afterDoc, after = {}) {
  for (const type of Object.keys(before)) {
    if (!(type in after)) add('major', where, `no longer ${type}`);
  }
  for (const type of Object.keys(after)) {
    if (!(type in before)) add('minor', where, `also ${type}`);
    else {
      const oldMedia = before[type];
      const newMedia = after[type];
      if (
        !isDeepStrictEqual(oldMedia.example, newMedia.example) ||
        !isDeepStrictEqual(oldMedia.examples, newMedia.examples)
      ) {
        add('patch', where, `changed examples (${type})`);
      }
      compareSchemas(add, `${where} (${type})`, direction, beforeDoc, oldMedia.schema, afterDoc, newMedia.schema);
    }
  }
}

/**
 * Compares two schemas. `direction` says who writes the data: in a request the client does (a new
 * required field breaks it), in a response the vendor does (a field that may now be missing breaks it).
 */
function compareSchemas(add, where, direction, beforeDoc, rawBefore, afterDoc, rawAfter, seen = new Set()) {
  if (rawBefore === undefined && rawAfter === undefined) return;
  if (rawBefore === undefined || rawAfter === undefined) {
    add(rawAfter === undefined ? 'major' : 'minor', where, rawAfter === undefined ? 'schema removed' : 'schema added');
    return;
  }
  const pair = `${where}`;
  if (seen.has(pair)) return; // recursive schemas: compared once per place
  seen.add(pair);
  const before = flatten(beforeDoc, rawBefore);
  const after = flatten(afterDoc, rawAfter);

  if (!isDeepStrictEqual(before.type, after.type)) {
    add(
      'major',
      where,
      `type changed from ${JSON.stringify(before.type ?? 'any')} to ${JSON.stringify(after.type ?? 'any')}`,
    );
  }
  for (const keyword of DOC_KEYWORDS) {
    if (!isDeepStrictEqual(before[keyword], after[keyword])) add('patch', where, `changed ${keyword}`);
  }

  if (before.enum || after.enum) {
    const oldValues = before.enum ?? [];
    const newValues = after.enum ?? [];
    const removed = oldValues.filter((v) => !newValues.some((n) => isDeepStrictEqual(n, v)));
    const added = newValues.filter((v) => !oldValues.some((o) => isDeepStrictEqual(o, v)));
    if (!after.enum && before.enum) add('minor', where, 'enum removed (any value allowed)');
    else if (removed.length > 0)
      add('major', where, `enum narrowed: removed ${removed.map((v) => JSON.stringify(v)).join(', ')}`);
    if (added.length > 0 && before.enum)
      add('minor', where, `enum widened: added ${added.map((v) => JSON.stringify(v)).join(', ')}`);
    if (added.length > 0 && !before.enum)
      add('major', where, `now restricted to ${added.map((v) => JSON.stringify(v)).join(', ')}`);
  }

  const oldProps = before.properties ?? {};
  const newProps = after.properties ?? {};
  const oldRequired = new Set(before.required ?? []);
  const newRequired = new Set(after.required ?? []);
  for (const name of Object.keys(oldProps)) {
    if (!(name in newProps)) add('major', where, `removed field ${name}`);
    else {
      compareSchemas(add, `${where}.${name}`, direction, beforeDoc, oldProps[name], afterDoc, newProps[name], seen);
      if (!oldRequired.has(name) && newRequired.has(name)) {
        add(direction === 'request' ? 'major' : 'minor', where, `field ${name} is now required`);
      }
      if (oldRequired.has(name) && !newRequired.has(name)) {
        add(direction === 'request' ? 'minor' : 'major', where, `field ${name} is now optional`);
      }
    }
  }
  for (const name of Object.keys(newProps)) {
    if (name in oldProps) continue;
    const required = newRequired.has(name);
    add(
      direction === 'request' && required ? 'major' : 'minor',
      where,
      `new ${required ? 'required' : 'optional'} field ${name}`,
    );
  }

  if (before.items || after.items) {
    compareSchemas(add, `${where}[]`, direction, beforeDoc, before.items, afterDoc, after.items, seen);
  }
  for (const keyword of ['oneOf', 'anyOf']) {
    if (!isDeepStrictEqual(resolveDeep(beforeDoc, before[keyword]), resolveDeep(afterDoc, after[keyword]))) {
      add('major', where, `changed ${keyword} alternatives`);
    }
  }
  const constraints = Object.keys({ ...before, ...after }).filter(
    (k) =>
      !DOC_KEYWORDS.has(k) &&
      !['type', 'enum', 'properties', 'required', 'items', 'oneOf', 'anyOf', 'allOf', '$ref'].includes(k),
  );
  for (const keyword of constraints) {
    if (!isDeepStrictEqual(before[keyword], after[keyword]) && !keyword.startsWith('x-'))
      add('minor', where, `changed ${keyword}`);
  }
}

/** A schema with its $ref resolved and its allOf members merged into one object schema. */
function flatten(doc, schema, depth = 0) {
  const resolved = resolve(doc, schema);
  if (!resolved.allOf || depth > 20) return resolved;
  const { allOf, ...own } = resolved;
  const merged = { ...own, properties: { ...(own.properties ?? {}) }, required: [...(own.required ?? [])] };
  for (const member of allOf) {
    const part = flatten(doc, member, depth + 1);
    Object.assign(merged.properties, part.properties ?? {});
    merged.required.push(...(part.required ?? []));
    if (part.type && !merged.type) merged.type = part.type;
  }
  if (Object.keys(merged.properties).length === 0) delete merged.properties;
  if (merged.required.length === 0) delete merged.required;
  else merged.required = [...new Set(merged.required)];
  return merged;
}

/** Follows local $refs (#/components/...) until a non-reference. */
function resolve(doc, value) {
  let current = value;
  for (let hops = 0; current && typeof current.$ref === 'string' && hops < 50; hops += 1) {
    current = current.$ref
      .replace(/^#\//, '')
      .split('/')
      .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce((node, part) => node?.[part], doc);
  }
  return current ?? {};
}

function resolveDeep(doc, value, depth = 0) {
  if (depth > 20 || value === null || typeof value !== 'object') return value;
  const resolved = resolve(doc, value);
  if (Array.isArray(resolved)) return resolved.map((v) => resolveDeep(doc, v, depth + 1));
  return Object.fromEntries(Object.entries(resolved).map(([k, v]) => [k, resolveDeep(doc, v, depth + 1)]));
}

function compareSecurity(add, before, after) {
  const oldSchemes = before.components?.securitySchemes ?? {};
  const newSchemes = after.components?.securitySchemes ?? {};
  for (const name of new Set([...Object.keys(oldSchemes), ...Object.keys(newSchemes)])) {
    const { description: _a, ...oldScheme } = oldSchemes[name] ?? {};
    const { description: _b, ...newScheme } = newSchemes[name] ?? {};
    if (!isDeepStrictEqual(oldScheme, newScheme)) add('major', 'security', `authentication scheme ${name} changed`);
    else if (oldSchemes[name]?.description !== newSchemes[name]?.description)
      add('patch', 'security', `changed description of ${name}`);
  }
  if (!isDeepStrictEqual(before.security, after.security)) add('major', 'security', 'changed the security requirement');
}
