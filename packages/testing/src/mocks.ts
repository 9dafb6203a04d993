// Mocks of the vendors, served from this process by Prism's own HTTP server (the code `prism mock`
// runs), without a child process per spec: loading Prism once and building every spec in it starts
// all four vendors in about the time one `prism mock` takes. Prism is imported on the first start,
// so that a user of the fault server alone never loads it.
//
// Prism checks every request against its spec (auth header, path, query, body) and every answer
// too. What a valid request gets comes from MockState (mock-state.ts), a small stateful account per
// vendor, instead of the spec's example for any id: an unknown job is not found, a deleted one is
// gone, a listing lists what is there. A request the spec refuses gets Prism's own answer, as
// before; so does one that asks Prism for an answer (a `Prefer` header), and every request under
// `dynamicSeed`, for fuzzing.
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync, type WriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PrismHttpComponents } from '@stoplight/prism-http';
import { FAKES, VENDORS, type Vendor } from './fakes/index.js';
import { MockState } from './mock-state.js';

/** The key every mock accepts. Prism checks that a key is there, not which one. */
export const MOCK_API_KEY = 'mock-key';

export interface MockVendorsOptions {
  /** The vendors to mock (default: all four). Only these are started. */
  providers?: readonly Vendor[];
  /**
   * The first port to listen on; the providers take consecutive ports in the order of `providers`
   * (default 0: each gets a free port from the system).
   */
  port?: number;
  /**
   * Where each mock writes its log, `<provider>.log`, kept after `stop()` (default: a fresh temporary
   * folder, removed by `stop()`, and kept when a mock fails to start, whose error names it).
   */
  logDir?: string;
  /**
   * Pure Prism in its dynamic mode, with this seed: every answer generated from the spec's schemas,
   * valid but unusual, whatever the id, and nothing remembered; for fuzzing how a client reads
   * answers. Without it, the mocks hold jobs (see MOCK_JOBS).
   */
  dynamicSeed?: string;
}

export interface MockVendors {
  /** `http://127.0.0.1:<port>` per vendor asked for: each client's `baseUrl`, or its `*_BASE_URL`. */
  readonly baseUrls: Partial<Record<Vendor, string>>;
  /** A key the mocks accept (any non-empty key does). */
  readonly apiKey: string;
  /** The folder holding the mocks' logs (removed by `stop()` unless it was given as `logDir`). */
  readonly logDir: string;
  /** Closes every mock; their ports are free when this resolves. Safe to call twice. */
  stop(): Promise<void>;
}

/** Where the specs are: shipped beside dist/ in the package, or specs/ at the repository root. */
export function specsDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, '..', 'specs'), join(here, '..', '..', '..', 'specs')];
  const found = candidates.find((dir) => existsSync(join(dir, 'tavus.yaml')));
  if (!found) throw new Error(`@mediajobs/testing: no specs found (looked in ${candidates.join(', ')})`);
  return found;
}

/**
 * Starts mocks of the vendors on 127.0.0.1, built from their specs: Prism validates each request as
 * the spec says (auth header, path, query, body) and refuses what it does not allow; a valid request
 * is answered from jobs the mocks hold (MOCK_JOBS), which a delete really removes for the rest of
 * this start. Every start begins from the same jobs; all vendors start in parallel.
 *
 * @example
 * const mocks = await startMockVendors({ providers: ['tavus'] });
 * const jobs = createMediaJobs({ tavus: { baseUrl: mocks.baseUrls.tavus, apiKey: mocks.apiKey } });
 * await jobs.delete({ provider: 'tavus', id: '8a4f94e736' });
 * await jobs.get({ provider: 'tavus', id: '8a4f94e736' }); // status 'deleted' (soft-deleted)
 * await mocks.stop();
 */
export function startMockVendors(options: MockVendorsOptions = {}): Promise<MockVendors> {
  return startMocks(options, options.dynamicSeed === undefined ? new MockState() : undefined);
}

/**
 * Prism mocks answering every valid request with the spec's examples, whatever the id, as `prism
 * mock --errors` does: for the repository's contract tests, which check requests and the specs'
 * own answers. Not part of the public API.
 */
export function startPrismMocks(options: Omit<MockVendorsOptions, 'dynamicSeed'> = {}): Promise<MockVendors> {
  return startMocks(options, undefined);
}

async function startMocks(options: MockVendorsOptions, state: MockState | undefined): Promise<MockVendors> {
  const providers = [...new Set(options.providers ?? VENDORS)];
  for (const provider of providers) {
    if (!VENDORS.includes(provider)) {
      throw new TypeError(`@mediajobs/testing: no mock for ${String(provider)}; use ${VENDORS.join(', ')}`);
    }
  }
  const logDir = options.logDir ?? mkdtempSync(join(tmpdir(), 'mediajobs-mocks-'));
  mkdirSync(logDir, { recursive: true });
  const dir = specsDir();
  const firstPort = options.port ?? 0;
  const started = await Promise.allSettled(
    providers.map((provider, index) =>
      startMock(
        FAKES[provider].specs.map((file) => join(dir, file)),
        firstPort === 0 ? 0 : firstPort + index,
        join(logDir, `${provider}.log`),
        state,
        options.dynamicSeed,
      ),
    ),
  );
  const mocks = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const closeAll = () => Promise.all(mocks.map((mock) => mock.stop())).then(() => undefined);
  const failed = started.findIndex((result) => result.status === 'rejected');
  if (failed !== -1) {
    // The folder stays: the error names it, for the failed mock's log.
    await closeAll();
    const reason = (started[failed] as PromiseRejectedResult).reason;
    throw new Error(
      `@mediajobs/testing: the ${providers[failed]} mock did not start: ${reason instanceof Error ? reason.message : String(reason)}; its log is in ${logDir}`,
      { cause: reason },
    );
  }
  let stopping: Promise<void> | undefined;
  const stop = () => {
    // A folder of our own goes with the mocks; one the caller named stays, with the logs in it.
    stopping ??= closeAll().then(() => {
      if (options.logDir === undefined) rmSync(logDir, { recursive: true, force: true });
    });
    return stopping;
  };
  return {
    baseUrls: Object.fromEntries(providers.map((provider, index) => [provider, mocks[index]?.url])),
    apiKey: MOCK_API_KEY,
    logDir,
    stop,
  };
}

interface Mock {
  url: string;
  stop(): Promise<void>;
}

type PrismMock = PrismHttpComponents['mock'];

/**
 * Prism's own mocker (not exported by the package's entry: prism-http is pinned, and the stateful
 * mock test covers this import), for the requests MockState does not answer.
 */
async function loadPrismMock(): Promise<PrismMock> {
  const module = (await import('@stoplight/prism-http/dist/mocker/index.js')) as {
    default: PrismMock | { default: PrismMock };
  };
  return typeof module.default === 'function' ? module.default : module.default.default;
}

/**
 * The mock component of a Prism server: MockState's answer for a valid request; Prism's own for a
 * request with errors (its 401, 422, or the spec's example for them), for one that asks for an answer
 * (`Prefer: code=`, `example=`, `dynamic=`), and for all without a state (examples, or dynamic).
 */
function statefulMock(prismMock: PrismMock, state: MockState | undefined): PrismMock {
  return (opts) => {
    const { input, config } = opts;
    // DiagnosticSeverity.Error is 0 (@stoplight/types).
    const invalid = input.validations.some((validation) => validation.severity === 0);
    const chosen = config.dynamic || config.code !== undefined || config.exampleKey !== undefined;
    if (!state || invalid || chosen) return prismMock(opts);
    const { method, url, body } = input.data;
    const answer = state.answer({ method, path: url.path, query: url.query, body });
    if (!answer) return prismMock(opts);
    return (logger) => {
      logger.info(`> Responding with "${answer.statusCode}" (the mock's jobs)`);
      return { _tag: 'Right', right: answer };
    };
  };
}

/** One Prism server over the operations of every spec given (their paths must not overlap). */
async function startMock(
  specs: string[],
  port: number,
  logFile: string,
  state: MockState | undefined,
  dynamicSeed?: string,
): Promise<Mock> {
  const [{ createLogger }, { getHttpOperationsFromSpec }, { createServer }, prismMock] = await Promise.all([
    import('@stoplight/prism-core'),
    import('@stoplight/prism-http'),
    import('@stoplight/prism-http-server'),
    loadPrismMock(),
  ]);
  const log = await openLog(logFile);
  const operations = (await Promise.all(specs.map((spec) => getHttpOperationsFromSpec(spec)))).flat();
  const logger = createLogger('mock', { level: 'info' }, log);
  const server = createServer(operations, {
    cors: true,
    components: { logger, mock: statefulMock(prismMock, state) },
    config: {
      // What `prism mock --errors` does: requests and answers are checked, and an answer that breaks
      // its schema (the spec's example, or the mock's own) is a 500 rather than passed on.
      validateRequest: true,
      validateResponse: true,
      checkSecurity: true,
      errors: true,
      isProxy: false,
      upstreamProxy: undefined,
      mock: { dynamic: dynamicSeed !== undefined, seed: dynamicSeed },
    },
  });
  try {
    const url = await server.listen(port, '127.0.0.1');
    logger.info(`listening on ${url}`);
    return {
      url,
      stop: async () => {
        await server.close();
        await new Promise((resolve) => log.end(resolve));
      },
    };
  } catch (error) {
    log.end();
    throw error;
  }
}

function openLog(file: string): Promise<WriteStream> {
  const stream = createWriteStream(file);
  return new Promise((resolve, reject) => {
    stream.once('open', () => resolve(stream));
    stream.once('error', reject);
  });
}
