import {
  type AdapterOptions,
  type AdapterTools,
  AuthenticationError,
  createAdapterTools,
  isRecord,
  stringField,
  UnsupportedOperationError,
  type VendorFailure,
} from '@mediajobs/core';
import { type BifrostKeyHeader, bifrostVendor } from './client.js';
import type { paths } from './generated/bifrost.js';

/** What every Bifrost kind speaks through: one client, its decoders and its errors. */
export type BifrostConnection = AdapterTools<paths>;

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
}

export function connectBifrost({ keyHeader, ...options }: BifrostConnectOptions): BifrostConnection {
  return createAdapterTools<paths>(bifrostVendor(keyHeader), options, failureOf);
}
