export { DEFAULT_ERASE_CONCURRENCY, type EraseOptions, type Erasure } from './erase.js';
export { LedgerError, LedgerInputError } from './errors.js';
export { KEY_VARIABLE, MAX_SUBJECT_LENGTH } from './key.js';
export {
  Ledger,
  type LedgerResource,
  type LedgerStats,
  type OpenLedgerOptions,
  openLedger,
} from './ledger.js';
export type { ErasureOutcome, Outcome } from './outcome.js';
export { checkRecordInput, type RecordInput } from './records.js';
export { type ErasureReport, type KindCounts, type ReportedResource, summarize } from './report.js';
