/**
 * Test the code that drives TensorsLab, Tavus, Bifrost and A2E without keys and without the vendors:
 * {@link startMockVendors} for the happy path against mocks built from their specs (Prism checks
 * every request; the mocks hold jobs, {@link MOCK_JOBS}, that a delete really removes), and
 * {@link startFaultServer} for the bad days (429s, answers lost after the vendor acted, HTML 502s,
 * HTTP 200 with an error inside), with a ledger of what it really deleted.
 *
 * @packageDocumentation
 */

export { VENDORS, type Vendor } from './fakes/index.js';
export { type ListingVendor, type SeededJob, seedJobs, UNLISTABLE_UPSTREAMS } from './inventory.js';
export { MOCK_JOBS, type MockJob } from './mock-state.js';
export {
  MOCK_API_KEY,
  type MockVendors,
  type MockVendorsOptions,
  startMockVendors,
} from './mocks.js';
export {
  FAULT_KINDS,
  type FaultKind,
  type FaultServer,
  type FaultServerOptions,
  jobKey,
  type Ledger,
  PLANNED,
  type RateLimitMode,
  startFaultServer,
} from './server.js';
