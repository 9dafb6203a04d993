import {
  type AdapterOptions,
  type AdapterTools,
  AuthenticationError,
  createAdapterTools,
  createRedactor,
  InvalidRequestError,
  isRecord,
  type Redactor,
  stringField,
  UnsupportedOperationError,
  type VendorFailure,
} from '@mediajobs/core';
import { BIFROST, type BifrostKeyHeader, bifrostVendor } from './client.js';
import type { paths } from './generated/bifrost.js';

/**
 * What every Bifrost kind speaks through: the inference routes' client (`/v1/*`, the key as
 * `keyHeader` says) and the management routes' (`/api/*`: logs), which take the admin credential.
 */
export type BifrostConnection = AdapterTools<paths> & { readonly admin: AdapterTools<paths> };

/** Where the management routes' credential is read when no `adminAuth` is given. */
export const BIFROST_ADMIN_AUTH_VARIABLE = 'BIFROST_ADMIN_AUTH';

/** Governance answers whose `type` says the key itself is missing or unknown, whatever the status. */
const KEY_PROBLEMS = new Set(['virtual_key_required', 'virtual_key_not_found']);

/**
 * An upstream that cannot do the operation: `code: unsupported_operation` (newer gateways) or the
 * message of NewUnsupportedOperationError (maximhq/bifrost core/providers/utils/utils.go @f1365880).
 */
const isUnsupported = (code: string | undefined, message: string | undefined) =>
  code === 'unsupported_operation' || /\bis not supported by \S+ provider\b/.test(message ?? '');

/** The error class a Bifrost body names, where it says more than the HTTP status. */
function errorClassOf(type: string | undefined, code: string | undefined, message: string | undefined) {
  if (type && KEY_PROBLEMS.has(type)) return AuthenticationError;
  if (isUnsupported(code, message)) return UnsupportedOperationError;
  return undefined;
}

/**
 * Bifrost's error envelope: `{ type?, status_code, error: { message, code?, type? }, extra_fields }`.
 * A governance refusal's `type` (provider_blocked, budget_exceeded, rate_limited...) leads the message.
 */
const failureOf = (body: unknown): VendorFailure => {
  const error = isRecord(body) ? body.error : undefined;
  const type = stringField(body, 'type');
  const message = stringField(error, 'message');
  const code = stringField(error, 'code');
  return {
    message: type && message ? `${type}: ${message}` : (message ?? type),
    code: code ?? type,
    requestId: stringField(body, 'event_id'),
    errorClass: errorClassOf(type, code, message),
  };
};

export interface BifrostConnectOptions extends AdapterOptions {
  /** Where the key goes (see createBifrostClient). */
  keyHeader?: BifrostKeyHeader;
  /**
   * The credential of the gateway's management routes (`/api/*`: logs), default BIFROST_ADMIN_AUTH:
   * `user:password` (the admin's, sent as Basic) or a dashboard session token (sent as Bearer).
   * Without one, nothing is sent there (a gateway with auth off). The inference key never goes there.
   */
  adminAuth?: string;
}

export function connectBifrost({ keyHeader, adminAuth, ...options }: BifrostConnectOptions): BifrostConnection {
  const inference = createAdapterTools<paths>(bifrostVendor(keyHeader), options, failureOf);
  // Made on the first management call: BIFROST_ADMIN_AUTH is read only by those who use logs.
  let admin: AdapterTools<paths> | undefined;
  return Object.defineProperty(inference, 'admin', {
    get: () => {
      admin ??= adminTools(adminAuth, options);
      return admin;
    },
  }) as BifrostConnection;
}

/**
 * The management routes' tools: `Authorization: Basic <base64(user:password)>` for a credential with a
 * colon, else `Bearer <session token>` (maximhq/bifrost transports/bifrost-http/handlers/middlewares.go
 * @523663f5, APIMiddleware). The credential and its encoded form are redacted from what they report,
 * on top of what the facade's redactor removes.
 */
function adminTools(adminAuth: string | undefined, { redactor, ...options }: AdapterOptions): AdapterTools<paths> {
  const given = adminAuth ?? readVariable(BIFROST_ADMIN_AUTH_VARIABLE);
  const credential = given?.trim() ? given : undefined;
  const basic = credential?.includes(':') ? base64(credential) : undefined;
  const vendor = {
    ...BIFROST,
    auth: {
      header: 'authorization',
      prefix: basic ? 'Basic' : 'Bearer',
      envVar: BIFROST_ADMIN_AUTH_VARIABLE,
      optional: true,
    },
  };
  const own = createRedactor(() => [credential, basic]);
  return createAdapterTools<paths>(
    vendor,
    { ...options, apiKey: basic ?? credential, redactor: redactor ? chained(redactor, own) : own },
    failureOf,
  );
}

/** Both redactors, one after the other. */
function chained(first: Redactor, second: Redactor): Redactor {
  return {
    text: (text) => second.text(first.text(text)),
    value: (value) => second.value(first.value(value)),
    job: (job) => second.job(first.job(job)),
    error: (error) => second.error(first.error(error)),
  };
}

function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** An environment variable, where there is an environment (undefined in a Worker, Deno without --allow-env). */
function readVariable(name: string): string | undefined {
  try {
    return (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[name];
  } catch {
    return undefined;
  }
}

/**
 * `<id>:<provider>` (a file's, a stored response's, a container's): the upstream's own id, and the upstream after the
 * last colon (a provider name has none; some upstream ids may).
 */
export function splitUpstream(id: string, what: string, example: string): { upstreamId: string; provider: string } {
  const colon = id.lastIndexOf(':');
  if (colon <= 0 || colon === id.length - 1) {
    throw new InvalidRequestError(
      `bifrost: a ${what} id is <${what}_id>:<provider> (e.g. ${example}:openai), the upstream after the last colon; got ${JSON.stringify(id.slice(0, 80))}`,
      { provider: 'bifrost' },
    );
  }
  return { upstreamId: id.slice(0, colon), provider: id.slice(colon + 1) };
}
