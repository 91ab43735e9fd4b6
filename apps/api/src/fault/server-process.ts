// Test support: the real server (src/server.ts) as a child process, to be killed with SIGKILL
// and started again on the same database file.
import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AuditEntry } from '@targetline/contract';
import { DEMO_PASSWORD } from '../seed';
import { TEST_SCRYPT_LOG2N } from '../test/helpers';

const API_DIR = join(dirname(fileURLToPath(import.meta.url)), '../..');

export type ServerProcess = {
  baseUrl: string;
  /** SIGKILL: no shutdown hook runs, no connection is closed, as in a crash or power cut. */
  kill(): Promise<void>;
};

export type StandbyServer = {
  /** Runs src/server.ts in the waiting process: it opens the database now. */
  start(): Promise<ServerProcess>;
  kill(): Promise<void>;
};

/**
 * A process that has loaded the server's modules and waits (see standby-server.ts), so that a
 * restart after a kill takes the time of opening the database, not of loading the app.
 * The server then runs on `databasePath` (the demo organisation and accounts are loaded into
 * an empty file), on a free loopback port that it picks and logs. One node process (node
 * --import tsx, not the tsx launcher, which would run the server in a child that a SIGKILL
 * of the launcher leaves alive).
 */
export function prepareServer(databasePath: string): Promise<StandbyServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/fault/standby-server.ts'], {
    cwd: API_DIR,
    env: {
      ...process.env,
      // Not production: that refuses the low scrypt cost that keeps the demo seeding fast.
      NODE_ENV: 'test',
      // The SQLite file under test, whatever engine the environment would pick.
      DATABASE_URL: '',
      DATABASE_PATH: databasePath,
      PORT: '0',
      HOST: '127.0.0.1',
      TARGETLINE_DEMO_DATA: 'on',
      TARGETLINE_DEMO_ACCOUNTS: 'on',
      TARGETLINE_SCRYPT_LOG2N: String(TEST_SCRYPT_LOG2N),
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const kill = () => killHard(child, exited);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  // Read every line, after start-up too, or a full pipe would block the server's logging.
  const waiting = new Map<RegExp, (match: RegExpExecArray) => void>();
  let pending = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      for (const [pattern, resolve] of waiting) {
        const match = pattern.exec(line);
        if (match) {
          waiting.delete(pattern);
          resolve(match);
        }
      }
    }
  });
  const waitFor = (pattern: RegExp, what: string) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const timer = setTimeout(() => {
        void kill();
        reject(new Error(`server: no "${what}" within 60 s: ${stderr}`));
      }, 60_000);
      const onExit = (code: number | null, signal: string | null) => {
        clearTimeout(timer);
        reject(new Error(`server exited (${code ?? signal}) before "${what}": ${stderr}`));
      };
      child.once('exit', onExit);
      waiting.set(pattern, (match) => {
        clearTimeout(timer);
        child.off('exit', onExit);
        resolve(match);
      });
    });

  return waitFor(/^standby ready$/, 'standby ready').then(() => ({
    kill,
    start: async () => {
      const listening = waitFor(/Server listening at (http:\/\/127\.0\.0\.1:\d+)/, 'listening');
      child.stdin?.write('go\n');
      const match = await listening;
      return { baseUrl: match[1] ?? '', kill };
    },
  }));
}

/** Starts the server on `databasePath` and waits until it listens. */
export async function startServer(databasePath: string): Promise<ServerProcess> {
  return (await prepareServer(databasePath)).start();
}

async function killHard(child: ChildProcess, exited: Promise<void>) {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await exited;
}

export type Session = { cookie: string; csrfToken: string };

/** Logs in over HTTP as a demo account. */
export async function logIn(baseUrl: string, username: string): Promise<Session> {
  const res = await fetch(`${baseUrl}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, csrfToken };
}

/** GET as a logged-in user; throws on anything but 200. */
export async function getJson<T>(baseUrl: string, session: Session, path: string): Promise<T> {
  const res = await fetch(`${baseUrl}${path}`, { headers: { cookie: session.cookie } });
  if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export type AuditRow = AuditEntry;

/** The whole audit log (of a year), oldest first, page by page as a client would read it. */
export async function readAudit(
  baseUrl: string,
  session: Session,
  year?: number,
): Promise<AuditRow[]> {
  const rows: AuditRow[] = [];
  let cursor: number | null = null;
  do {
    const page: { entries: AuditRow[]; nextCursor: number | null } = await getJson(
      baseUrl,
      session,
      `/api/audit?limit=500${year === undefined ? '' : `&year=${year}`}${cursor === null ? '' : `&cursor=${cursor}`}`,
    );
    rows.push(...page.entries);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return rows.reverse();
}
