// Prism mocks of the vendors' specs, served from this process: Prism's own HTTP server and request
// validation (the code `prism mock` runs), without a child process per spec. Loading Prism once and
// building every spec in it starts all four vendors in about the time one `prism mock` takes.
// Prism is imported on the first start, so that a user of the fault server alone never loads it.
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, type WriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { VENDORS, type Vendor } from './routes.js';

/** The key every mock accepts. Prism checks that a key is there, not which one. */
export const MOCK_API_KEY = 'mock-key';

/** The spec files each provider's mock is built from; TensorsLab's video and images APIs share one host. */
const SPECS: Record<Vendor, readonly string[]> = {
  tensorslab: ['tensorslab-video.yaml', 'tensorslab-images.yaml'],
  tavus: ['tavus.yaml'],
  bifrost: ['bifrost.yaml'],
  a2e: ['a2e.yaml'],
};

export interface MockVendorsOptions {
  /** The vendors to mock (default: all four). Only these are started. */
  providers?: readonly Vendor[];
  /**
   * The first port to listen on; the providers take consecutive ports in the order of `providers`
   * (default 0: each gets a free port from the system).
   */
  port?: number;
  /** Where each mock writes its log, `<provider>.log` (default: a fresh temporary folder). */
  logDir?: string;
  /**
   * Answers generated from the schemas with this seed (Prism's dynamic mode) instead of the specs'
   * examples: valid but unusual data, for fuzzing how a client reads answers.
   */
  dynamicSeed?: string;
}

export interface MockVendors {
  /** `http://127.0.0.1:<port>` per vendor asked for: each client's `baseUrl`, or its `*_BASE_URL`. */
  readonly baseUrls: Partial<Record<Vendor, string>>;
  /** A key the mocks accept (any non-empty key does). */
  readonly apiKey: string;
  /** The folder holding the mocks' logs. */
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
 * Starts Prism mocks of the vendors' specs on 127.0.0.1, each validating requests (auth header,
 * path, body) as its spec says and answering with the spec's examples. All start in parallel.
 *
 * @example
 * const mocks = await startMockVendors({ providers: ['tavus'] });
 * const jobs = createMediaJobs({ tavus: { baseUrl: mocks.baseUrls.tavus, apiKey: mocks.apiKey } });
 * await jobs.delete({ provider: 'tavus', id: 'v-1' });
 * await mocks.stop();
 */
export async function startMockVendors(options: MockVendorsOptions = {}): Promise<MockVendors> {
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
        SPECS[provider].map((file) => join(dir, file)),
        firstPort === 0 ? 0 : firstPort + index,
        join(logDir, `${provider}.log`),
        options.dynamicSeed,
      ),
    ),
  );
  const mocks = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= Promise.all(mocks.map((mock) => mock.stop())).then(() => undefined);
    return stopping;
  };
  const failed = started.findIndex((result) => result.status === 'rejected');
  if (failed !== -1) {
    await stop();
    const reason = (started[failed] as PromiseRejectedResult).reason;
    throw new Error(
      `@mediajobs/testing: the ${providers[failed]} mock did not start: ${reason instanceof Error ? reason.message : String(reason)}; its log is in ${logDir}`,
      { cause: reason },
    );
  }
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

/** One Prism server over the operations of every spec given (their paths must not overlap). */
async function startMock(specs: string[], port: number, logFile: string, dynamicSeed?: string): Promise<Mock> {
  const [{ createLogger }, { getHttpOperationsFromSpec }, { createServer }] = await Promise.all([
    import('@stoplight/prism-core'),
    import('@stoplight/prism-http'),
    import('@stoplight/prism-http-server'),
  ]);
  const log = await openLog(logFile);
  const operations = (await Promise.all(specs.map((spec) => getHttpOperationsFromSpec(spec)))).flat();
  const logger = createLogger('mock', { level: 'info' }, log);
  const server = createServer(operations, {
    cors: true,
    components: { logger },
    config: {
      // What `prism mock --errors` does: requests and the spec's own answers are checked, and an
      // answer that breaks its schema is a 500 rather than passed on.
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
