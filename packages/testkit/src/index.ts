export { type ListingVendor, type SeededJob, seedJobs, UNLISTABLE_UPSTREAMS } from './inventory.js';
export { auditPurge, PURGE_SOAK, type PurgeAudit, purgeViolations } from './purge-audit.js';
export type { Vendor } from './routes.js';
export {
  FAULT_KINDS,
  type FaultKind,
  type FaultServer,
  type FaultServerOptions,
  jobKey,
  type Ledger,
  type LedgerStats,
  PLANNED,
  type RateLimitMode,
  startFaultServer,
} from './server.js';
export {
  auditSoak,
  countHoldingKey,
  echoForms,
  refsOverAllApis,
  SOAK_CLIENT,
  SOAK_RATE_LIMITED,
  SOAK_SERVER,
  type SoakAudit,
  type SoakOutcome,
  type SoakRef,
  soakRefs,
  soakViolations,
} from './soak.js';
export { type SpawnedFaultServer, spawnFaultServer } from './spawn.js';
