/**
 * The mediajobs repository's own soak plans, audits and helpers, built on the public entry. Not part
 * of the package's API: anything here may change in any release.
 *
 * @packageDocumentation
 */
export { specsDir, startPrismMocks } from './mocks.js';
export { auditPurge, PURGE_SOAK, type PurgeAudit, purgeViolations } from './purge-audit.js';
export { type LedgerStats, statsOf } from './server.js';
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
