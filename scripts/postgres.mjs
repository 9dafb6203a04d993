// A throwaway PostgreSQL server for the tests: initdb into a temporary folder, trust auth, 127.0.0.1 only, a
// free port, its unix socket in that folder. The server refuses to run as root, so as root it runs as the
// `postgres` user (created when missing). No dependency: CI runs this before anything but Node is there.
//
//   node scripts/postgres.mjs start [--owner <pid>]
//                                          prints `export MEDIAJOBS_TEST_POSTGRES_URL=...` and
//                                          `export MEDIAJOBS_TEST_POSTGRES_DIR=...` (eval them)
//   node scripts/postgres.mjs stop <dir>   stops that server (pg_ctl stop -m fast) and removes the folder
//   node scripts/postgres.mjs find         prints the folder of the server binaries, exit 1 when none
//
// test-support/global-setup.ts uses startPostgres()/stopPostgres() when MEDIAJOBS_TEST_POSTGRES_URL is not set.
import { spawnSync } from 'node:child_process';
import {
  accessSync,
  appendFileSync,
  chownSync,
  constants,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const MARKER = 'mediajobs-postgres.json';
const SERVER_BINARIES = ['initdb', 'pg_ctl', 'postgres'];
const INSTALL_HINT =
  'Install the server (Debian/Ubuntu: `apt-get install -y postgresql`), or point MEDIAJOBS_TEST_POSTGRES_URL at an ' +
  'existing server (postgres://user@host:port/db; the user must be allowed to CREATE DATABASE).';

function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Compares version folder names such as "15" and "9.6", newest first. */
function newestFirst(a, b) {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pb[i] || 0) - (pa[i] || 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * The folder holding initdb, pg_ctl and postgres: the first on PATH that has all three, else the newest
 * /usr/lib/postgresql/<version>/bin (Debian keeps them there, off PATH). Undefined when there is none.
 * @returns {string | undefined}
 */
export function findPostgresBinDir() {
  const onPath = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  let versions = [];
  try {
    versions = readdirSync('/usr/lib/postgresql').sort(newestFirst);
  } catch {}
  const candidates = [...onPath, ...versions.map((v) => path.join('/usr/lib/postgresql', v, 'bin'))];
  return candidates.find((dir) => SERVER_BINARIES.every((bin) => isExecutable(path.join(dir, bin))));
}

const isRoot = () => process.getuid?.() === 0;

function run(file, args, { allowFailure = false } = {}) {
  const result = spawnSync(file, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (!allowFailure && (result.error || result.status !== 0)) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
    throw new Error(
      `${[file, ...args].join(' ')} failed: ${result.error?.message ?? `exit ${result.status}`}\n${output}`,
    );
  }
  return result;
}

const shellQuote = (s) => `'${String(s).replaceAll("'", `'\\''`)}'`;

/** Runs a server binary: as root, as the `postgres` user (the server refuses root). */
function runServerTool(file, args, options) {
  if (!isRoot()) return run(file, args, options);
  if (isExecutable('/usr/sbin/runuser') || isExecutable('/sbin/runuser') || isExecutable('/usr/bin/runuser')) {
    return run('runuser', ['-u', 'postgres', '--', file, ...args], options);
  }
  return run('su', ['-s', '/bin/sh', 'postgres', '-c', [file, ...args].map(shellQuote).join(' ')], options);
}

/** As root: the `postgres` user's uid and gid, creating the user when it does not exist. */
function postgresUser() {
  if (run('id', ['-u', 'postgres'], { allowFailure: true }).status !== 0) {
    run('useradd', [
      '--system',
      '--user-group',
      '--no-create-home',
      '--home-dir',
      '/nonexistent',
      '--shell',
      '/usr/sbin/nologin',
      'postgres',
    ]);
  }
  return {
    uid: Number(run('id', ['-u', 'postgres']).stdout.trim()),
    gid: Number(run('id', ['-g', 'postgres']).stdout.trim()),
  };
}

/** @returns {Promise<number>} a port free on 127.0.0.1 right now */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

function acceptsTcp(port) {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function logTail(dir) {
  try {
    return readFileSync(path.join(dir, 'postgres.log'), 'utf8').split('\n').slice(-20).join('\n');
  } catch {
    return '(no log)';
  }
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/**
 * Stops the servers of earlier runs whose owner process is gone (a test run killed before its teardown):
 * only folders that carry this script's marker and an owner pid.
 */
async function stopOrphans() {
  let names = [];
  try {
    names = readdirSync(tmpdir()).filter((name) => name.startsWith('mediajobs-pg-'));
  } catch {}
  for (const name of names) {
    const dir = path.join(tmpdir(), name);
    try {
      const { owner } = JSON.parse(readFileSync(path.join(dir, MARKER), 'utf8'));
      if (Number.isInteger(owner) && !isAlive(owner)) await stopPostgres(dir);
    } catch {}
  }
}

/**
 * Starts a server in a new temporary folder and waits until it accepts connections. `owner`: the process whose
 * end makes the server an orphan, which a later start stops (default: this process; null: never).
 * @param {{ owner?: number | null }} [options]
 * @returns {Promise<{ url: string; dir: string; port: number; binDir: string }>}
 */
export async function startPostgres({ owner = process.pid } = {}) {
  const binDir = findPostgresBinDir();
  if (!binDir) {
    throw new Error(
      `PostgreSQL server binaries (${SERVER_BINARIES.join(', ')}) were not found on PATH or in /usr/lib/postgresql/*/bin. ${INSTALL_HINT}`,
    );
  }
  const user = isRoot() ? postgresUser() : undefined;
  await stopOrphans();
  const dir = mkdtempSync(path.join(tmpdir(), 'mediajobs-pg-'));
  const data = path.join(dir, 'data');
  try {
    writeFileSync(path.join(dir, MARKER), `${JSON.stringify({ binDir, owner })}\n`);
    if (user) chownSync(dir, user.uid, user.gid);
    runServerTool(path.join(binDir, 'initdb'), [
      '-D',
      data,
      '-U',
      'postgres',
      '-A',
      'trust',
      '-E',
      'UTF8',
      '--no-locale',
      '--no-sync',
    ]);
    // Settings for a disposable test server: nothing it writes needs to survive a crash.
    const settings = {
      listen_addresses: '127.0.0.1',
      unix_socket_directories: dir,
      max_connections: 200,
      fsync: 'off',
      synchronous_commit: 'off',
      full_page_writes: 'off',
    };
    appendFileSync(
      path.join(data, 'postgresql.conf'),
      `\n# mediajobs test server\n${Object.entries(settings)
        .map(([key, value]) => `${key} = '${String(value).replaceAll("'", "''")}'`)
        .join('\n')}\n`,
    );
    // The free port may be taken between the probe and the server's bind: try another one.
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      appendFileSync(path.join(data, 'postgresql.conf'), `port = ${port}\n`);
      const started = runServerTool(
        path.join(binDir, 'pg_ctl'),
        ['start', '-D', data, '-l', path.join(dir, 'postgres.log'), '-w', '-t', '60', '-s'],
        { allowFailure: true },
      );
      if (started.status === 0 && (await acceptsTcp(port))) {
        return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, dir, port, binDir };
      }
      stopServer(dir, binDir);
      if (attempt === 3) {
        throw new Error(
          `PostgreSQL did not start (${binDir}/pg_ctl: ${`${started.stdout}${started.stderr}`.trim() || `exit ${started.status}`}). Its log:\n${logTail(dir)}`,
        );
      }
    }
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/** Stops the server of a data folder: pg_ctl stop -m fast, else a kill of the pid in postmaster.pid. */
function stopServer(dir, binDir) {
  const data = path.join(dir, 'data');
  const pidFile = path.join(data, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pgCtl = path.join(binDir ?? findPostgresBinDir() ?? '/nonexistent', 'pg_ctl');
  const stopped = isExecutable(pgCtl)
    ? runServerTool(pgCtl, ['stop', '-D', data, '-m', 'fast', '-w', '-t', '30', '-s'], { allowFailure: true })
    : undefined;
  if (stopped?.status === 0) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (Number.isInteger(pid) && pid > 1) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {}
  }
}

/** Stops the server that startPostgres() started in `dir` and removes the folder. */
export async function stopPostgres(dir) {
  if (!dir) throw new Error('stopPostgres: no folder given');
  // Only ever remove a folder that startPostgres made.
  if (!existsSync(path.join(dir, MARKER))) {
    if (!existsSync(dir)) return;
    throw new Error(`${dir} is not a folder made by scripts/postgres.mjs (no ${MARKER}); not touching it`);
  }
  let binDir;
  try {
    binDir = JSON.parse(readFileSync(path.join(dir, MARKER), 'utf8')).binDir;
  } catch {}
  stopServer(dir, binDir);
  rmSync(dir, { recursive: true, force: true });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [command, dir, ...rest] = process.argv.slice(2);
  try {
    if (command === 'start') {
      // `start --owner <pid>`: the server counts as an orphan once that process is gone (CI passes its shell's $$).
      const ownerArg = [dir, ...rest].indexOf('--owner');
      const owner = ownerArg === -1 ? null : Number([dir, ...rest][ownerArg + 1]);
      if (owner !== null && !(Number.isInteger(owner) && owner > 0)) throw new Error('--owner needs a process id');
      const server = await startPostgres({ owner });
      console.error(`PostgreSQL (${server.binDir}) on 127.0.0.1:${server.port}, data in ${server.dir}`);
      console.log(`export MEDIAJOBS_TEST_POSTGRES_URL=${shellQuote(server.url)}`);
      console.log(`export MEDIAJOBS_TEST_POSTGRES_DIR=${shellQuote(server.dir)}`);
    } else if (command === 'stop' && dir) {
      await stopPostgres(dir);
    } else if (command === 'find') {
      const binDir = findPostgresBinDir();
      if (!binDir) {
        console.error(`no PostgreSQL server binaries (${SERVER_BINARIES.join(', ')}) found. ${INSTALL_HINT}`);
        process.exit(1);
      }
      console.log(binDir);
    } else {
      console.error('usage: node scripts/postgres.mjs start [--owner <pid>] | stop <dir> | find');
      process.exit(2);
    }
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
