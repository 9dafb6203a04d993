// Embedded mocks: one Prism process per spec on 127.0.0.1, and a small router so that TensorsLab's
// two specs (video and images, two Prism processes) sit behind one base URL as the real API does.
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, existsSync, readdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const START_TIMEOUT_MS = 60_000;
const HOP_HEADERS = new Set(['content-length', 'content-encoding', 'transfer-encoding', 'connection', 'keep-alive']);

export interface PrismServer {
  url: string;
  pid: number;
  logFile: string;
  stop(): Promise<void>;
}

/** Where the specs are: shipped beside dist/ in the package, or specs/ at the repository root. */
export function specsDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, '..', 'specs'), join(here, '..', '..', '..', 'specs')];
  const found = candidates.find((dir) => existsSync(join(dir, 'tavus.yaml')));
  if (!found) throw new Error(`no specs found (looked in ${candidates.join(', ')})`);
  return found;
}

function prismBin(): string {
  const pkg = createRequire(import.meta.url).resolve('@stoplight/prism-cli/package.json');
  return join(dirname(pkg), 'dist', 'index.js');
}

/**
 * Starts `prism mock <spec> --errors` on 127.0.0.1 with a port the OS picks, writing its output to
 * logFile. Prism has no health endpoint: it is ready when it prints its address.
 */
export function startPrism(spec: string, logFile: string, extraArgs: string[] = []): Promise<PrismServer> {
  const log = createWriteStream(logFile);
  const child = spawn(
    process.execPath,
    [prismBin(), 'mock', spec, '-h', '127.0.0.1', '-p', '0', '--errors', ...extraArgs],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  return new Promise((resolve, reject) => {
    let output = '';
    const fail = (reason: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`Prism for ${spec} ${reason}; see ${logFile}\n${output.slice(-2000)}`));
    };
    const timer = setTimeout(() => fail(`did not start within ${START_TIMEOUT_MS / 1000}s`), START_TIMEOUT_MS);
    child.once('exit', (code) => fail(`exited with code ${code} before listening`));
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      if (!match?.[1]) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      resolve({ url: match[1], pid: child.pid ?? -1, logFile, stop: () => stopProcess(child) });
    });
  });
}

/** SIGTERM, then SIGKILL if it has not exited within 5 s. */
function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** TensorsLab serves video and images from one host; its two specs split them by path. */
export function tensorsLabSpecFor(path: string): 'tensorslab-video' | 'tensorslab-images' {
  return path.startsWith('/v1/images/') ? 'tensorslab-images' : 'tensorslab-video';
}

export interface Mocks {
  /** Base URL per provider, as createMediaJobs and the *_BASE_URL variables take them. */
  baseUrls: { tensorslab: string; tavus: string; bifrost: string; a2e: string };
  stop(): Promise<void>;
}

/** Starts a mock of every spec in specsDir(), logging to logDir. */
export async function startMocks(logDir: string): Promise<Mocks> {
  const dir = specsDir();
  const apis = readdirSync(dir)
    .filter((file) => file.endsWith('.yaml'))
    .map((file) => basename(file, '.yaml'));
  const started = await Promise.allSettled(
    apis.map((api) => startPrism(join(dir, `${api}.yaml`), join(logDir, `prism-${api}.log`))),
  );
  const servers = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const stopServers = () => Promise.all(servers.map((server) => server.stop())).then(() => undefined);
  const failure = started.find((result) => result.status === 'rejected');
  if (failure) {
    await stopServers();
    throw failure.reason;
  }
  const url = (api: string) => servers[apis.indexOf(api)]?.url ?? '';
  const router = await startRouter((path) => url(tensorsLabSpecFor(path)));
  return {
    baseUrls: { tensorslab: router.url, tavus: url('tavus'), bifrost: url('bifrost'), a2e: url('a2e') },
    stop: async () => {
      await new Promise((resolve) => router.server.close(resolve));
      await stopServers();
    },
  };
}

/** A loopback HTTP server that forwards each request to the origin `target(path)` names. */
async function startRouter(target: (path: string) => string): Promise<{ url: string; server: Server }> {
  const server = createServer(async (req, res) => {
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const path = req.url ?? '/';
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (typeof value === 'string' && name !== 'host' && name !== 'connection') headers.set(name, value);
      }
      const answer = await fetch(new URL(path, target(path)), {
        method: req.method,
        headers,
        body: chunks.length > 0 ? Buffer.concat(chunks) : undefined,
      });
      // fetch has already decoded the body, so the length and encoding headers no longer apply.
      const forwarded = [...answer.headers].filter(([name]) => !HOP_HEADERS.has(name));
      res.writeHead(answer.status, Object.fromEntries(forwarded));
      res.end(Buffer.from(await answer.arrayBuffer()));
    } catch (error) {
      res.writeHead(502, { 'content-type': 'text/plain' }).end(`mock router: ${String(error)}`);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}
