// Recording what a vendor client creates, as it is created: a middleware for the vendor clients
// (openapi-fetch's `client.use`) that finds the new resource's id where its kind's module says it is.
import type { Middleware } from 'openapi-fetch';
import { ServerError } from './errors.js';
import type { VendorModule } from './vendor-module.js';

/** A resource a vendor call has just made. */
export interface CreatedResource {
  provider: string;
  kind: string;
  id: string;
}

/**
 * A middleware that calls `record` with every resource a 2xx answer of a create operation made (the
 * kinds' `creates`), before the caller sees the answer; the answer passes on unchanged. A create answer
 * without its id fails the call with a ServerError that says so (the resource may exist, unrecorded), and
 * so does a `record` that throws: nothing is made that the caller believes recorded when it is not. A 2xx
 * answer that its create's `success` field marks as the vendor's refusal records nothing and passes on as
 * it came: nothing was made, and the client reports the vendor's own error.
 */
export function recordCreated(
  vendor: VendorModule,
  record: (created: CreatedResource) => void | Promise<void>,
): Middleware {
  const creates = vendor.kinds.flatMap((kind) => kind.creates.map((create) => ({ kind: kind.name, ...create })));
  return {
    async onResponse({ request, response, schemaPath }) {
      const create = creates.find((c) => c.method === request.method && c.path === schemaPath);
      if (!create || !response.ok) return undefined;
      const answer: unknown = await response
        .clone()
        .json()
        .catch(() => undefined);
      const code = create.success ? fieldAt(answer, create.success.field) : undefined;
      if (code !== undefined && code !== create.success?.value) return undefined;
      const id = create.idField.split('.').reduce(fieldAt, answer);
      if (typeof id !== 'string' || id === '') {
        throw new ServerError(
          `${vendor.provider}: ${create.method} ${create.path} answered ${response.status} without a string \`${create.idField}\`, so the ${create.kind} it may have made cannot be recorded`,
          { provider: vendor.provider, status: response.status, retryable: false, outcomeUnknown: true },
        );
      }
      await record({ provider: vendor.provider, kind: create.kind, id });
      return undefined;
    },
  };
}

/** A field of a JSON object; undefined for anything else (an array, a string, null). */
function fieldAt(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)[key]
    : undefined;
}
