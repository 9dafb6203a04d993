// The ledger's own errors. Vendor errors stay the facade's (MediaJobsError and its classes).

/** Something about the ledger itself: where it is, its key, its schema, a database that refused. */
export class LedgerError extends Error {
  override name = 'LedgerError';
}

/** A record, subject or request the ledger will not take, and why; nothing of it was written. */
export class LedgerInputError extends LedgerError {
  override name = 'LedgerInputError';
}
