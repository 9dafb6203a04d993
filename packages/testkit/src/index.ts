export { seededRandom } from './random.js';
export { expectedAuth, type Operation, type Route, routeOf, type Vendor } from './routes.js';
export {
  type ArrivedRequest,
  FAULT_KINDS,
  type FaultKind,
  type FaultServer,
  type FaultServerOptions,
  jobKey,
  type Ledger,
  type LedgerStats,
  PLANNED,
  STATS_PATH,
  startFaultServer,
  statsOf,
} from './server.js';
export {
  auditSoak,
  plannedErrorClass,
  SOAK_CLIENT,
  SOAK_SERVER,
  type SoakAudit,
  type SoakOutcome,
  type SoakRef,
  soakRefs,
  soakViolations,
} from './soak.js';
export { type SpawnedFaultServer, spawnFaultServer } from './spawn.js';
