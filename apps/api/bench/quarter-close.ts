// The quarter close (issue 16, item 4): a mixed load on the production server for
// BENCH_CLOSE_SECONDS (60 by default). 200 unit leads save their quarter's actual
// (`PUT /api/actuals/…`) and their report draft (`PUT /api/reports/…`) in turns, each as a user
// who leads that unit, retrying a 409 as the web does (the version from the answer's `current`);
// 50 readers load the dashboard (`GET /api/summary`) and the status board
// (`GET /api/reviews/…`). Every client sends its next request BENCH_CLOSE_PAUSE_MS (1,000 by
// default) after the last one is answered, the clients arriving spread over the first pause:
// about 250 requests a second offered, a save by every lead every two seconds, far more than
// a real close. BENCH_CLOSE_PAUSE_MS=0 sends each next request at once: the server
// saturated, which measures its throughput rather than the wait at a given load. The
// readers' connections are opened before the load unless BENCH_CLOSE_NEW_CONNECTIONS=1.
//
// Measured: p99 of writes and of reads (each request timed from sending to the last byte, on
// node:http with keep-alive, as little client work as possible), 5xx, whether any acknowledged
// write was lost (after the load, each lead's figure and report must be what its last 2xx
// answer said: a lead is the only writer of its unit and has one request in flight, so its
// last acknowledged write supersedes all its earlier ones), and the server's RSS before and
// after. Run by bench/run.ts (`--only=close`, and in the full run).

import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { createSqliteRepository } from '@targetline/db';
import { hashPassword } from '../src/auth/password';
import { hashToken, SESSION_COOKIE } from '../src/plugins/auth';
import { freePort } from './same-bytes';

export const CLOSE_SECONDS = Number(process.env.BENCH_CLOSE_SECONDS ?? 60);
const PAUSE_MS = Number(process.env.BENCH_CLOSE_PAUSE_MS ?? 1000);
export const LEADS = 200;
export const READERS = 50;
/** The quarter being closed: the last generated year's fourth. */
const YEAR = 2025;
const QUARTER = 4;
/** A 409 is retried at most this often before the save counts as refused. */
const RETRIES = 5;

type Session = { cookie: string; csrf: string };
type Lead = Session & { unitId: number };

/**
 * Adds the close's users to a SQLite file (before the server opens it, or before it is moved
 * to PostgreSQL, which copies users and sessions): a unit lead for each of 200 departments and
 * a viewer for the readers, each with a session made as a log-in makes it. The log-in route
 * itself allows 20 a minute per address and costs a scrypt hash each, which is not the load
 * being measured.
 */
export async function addCloseUsers(path: string): Promise<{ leads: Lead[]; readers: Session[] }> {
  const repository = createSqliteRepository({ path });
  try {
    const units = await repository.listUnits();
    const departments = units.filter((u) => u.code.startsWith('D')).slice(0, LEADS);
    if (departments.length < LEADS) throw new Error(`only ${departments.length} departments`);
    // Nobody logs in with it: one hash of the right format serves every account.
    const passwordHash = await hashPassword(randomBytes(16).toString('hex'));
    const now = new Date();
    const later = new Date(now.getTime() + 6 * 3_600_000).toISOString();
    const session = async (userId: number): Promise<Session> => {
      const token = randomBytes(32).toString('base64url');
      const csrf = randomBytes(32).toString('base64url');
      await repository.createSession({
        tokenHash: hashToken(token),
        userId,
        csrfToken: csrf,
        createdAt: now.toISOString(),
        lastSeenAt: now.toISOString(),
        expiresAt: later,
      });
      return { cookie: `${SESSION_COOKIE}=${token}`, csrf };
    };
    const leads: Lead[] = [];
    for (const unit of departments) {
      const user = await repository.createUser({
        username: `close-lead-${unit.code.toLowerCase()}`,
        displayName: `Lead ${unit.code}`,
        role: 'unit_lead',
        unitIds: [unit.id],
        passwordHash,
        actor: null,
      });
      leads.push({ ...(await session(user.id)), unitId: unit.id });
    }
    const viewer = await repository.createUser({
      username: 'close-reader',
      displayName: 'Close reader',
      role: 'viewer',
      unitIds: [],
      passwordHash,
      actor: null,
    });
    // One session per reader, as 50 browsers would have.
    const readers: Session[] = [];
    for (let i = 0; i < READERS; i++) readers.push(await session(viewer.id));
    return { leads, readers };
  } finally {
    await repository.close();
  }
}

type Answer = { status: number; body: Buffer; ms: number };

function send(
  agent: Agent,
  base: string,
  method: 'GET' | 'PUT',
  path: string,
  session: Session,
  body?: unknown,
): Promise<Answer> {
  const url = new URL(path, base);
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  const started = performance.now();
  return new Promise((done, fail) => {
    const req = request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method,
        headers: {
          cookie: session.cookie,
          'accept-encoding': 'gzip',
          ...(payload && {
            'x-csrf-token': session.csrf,
            'content-type': 'application/json',
            'content-length': payload.length,
          }),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          done({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks),
            ms: performance.now() - started,
          }),
        );
        res.on('error', fail);
      },
    );
    req.on('error', fail);
    req.end(payload);
  });
}

export type CloseFigures = {
  seconds: number;
  writes: number;
  writeP50: number;
  writeP99: number;
  reads: number;
  readP50: number;
  readP99: number;
  conflicts: number;
  refused: number;
  fiveHundreds: number;
  errors: number;
  lost: number;
  checked: number;
  rssBeforeMb: number[];
  rssAfterMb: number[];
  /** p50 / p99 / max (ms) and count of each kind: actual, report, summary, reviews. */
  byKind: Record<string, { p50: number; p99: number; max: number; count: number }>;
};

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0
    ? Number.NaN
    : Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0);

/** VmRSS of a process in MB, from /proc (Linux). */
async function rssMb(child: ChildProcess): Promise<number> {
  const status = await readFile(`/proc/${child.pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
  return kb / 1024;
}

type Acked = { amount: number; actualVersion: number; version?: number; results?: string };

/**
 * The close on running servers (`bases`, one per process, each with its child process for
 * RSS): leads and readers are split between them as a load balancer would, in turns.
 */
export async function quarterClose(
  servers: Array<{ base: string; child: ChildProcess }>,
  { leads, readers }: { leads: Lead[]; readers: Session[] },
): Promise<CloseFigures> {
  const agent = new Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });
  const baseOf = (i: number) => (servers[i % servers.length] as { base: string }).base;
  const writeMs: number[] = [];
  const readMs: number[] = [];
  // Per kind of request, to see which one a slow p99 is.
  const kinds: Record<string, number[]> = { actual: [], report: [], summary: [], reviews: [] };
  // When each kind's slowest request was sent, in seconds into the run: a burst at the start
  // and a starvation during it read differently.
  const slowest: Record<string, { ms: number; at: number }> = {};
  const note = (kind: string, a: Answer) => {
    const at = (performance.now() - a.ms - started) / 1000;
    if (a.ms > (slowest[kind]?.ms ?? -1)) slowest[kind] = { ms: a.ms, at };
  };
  let conflicts = 0;
  let refused = 0;
  let fiveHundreds = 0;
  let errors = 0;
  const count = (a: Answer) => {
    if (a.status >= 500) fiveHundreds++;
  };

  // Each lead reads its report once, as the page does when it opens (not timed).
  const state = await Promise.all(
    leads.map(async (lead, i) => {
      const a = await send(
        agent,
        baseOf(i),
        'GET',
        `/api/reports/${lead.unitId}/${YEAR}/${QUARTER}`,
        lead,
      );
      if (a.status !== 200) throw new Error(`reading report of unit ${lead.unitId}: ${a.status}`);
      const report = JSON.parse(a.body.toString()) as { version: number; actualVersion: number };
      return {
        version: report.version,
        actualVersion: report.actualVersion,
        acked: undefined as Acked | undefined,
      };
    }),
  );

  // A server that has been running: its dashboard and status board answered once, and each
  // write route taken as far as its version check (a stale version: 409, nothing written), so
  // the first minute does not measure code loaded and compiled on first use (not timed).
  const stale = 1_000_000;
  for (const [i] of servers.entries()) {
    for (const path of [`/api/summary?year=${YEAR}`, `/api/reviews/${YEAR}/${QUARTER}`]) {
      const a = await send(agent, baseOf(i), 'GET', path, readers[0] as Session);
      if (a.status !== 200) throw new Error(`warming ${path}: ${a.status}`);
    }
    const lead = leads[i] as Lead;
    for (const [path, body] of [
      [`/api/actuals/${lead.unitId}/${YEAR}/${QUARTER}`, { amount: 1, version: stale }],
      [
        `/api/reports/${lead.unitId}/${YEAR}/${QUARTER}`,
        {
          amount: 1,
          results: '',
          causes: '',
          difficulties: '',
          proposals: '',
          nextQuarterExpected: null,
          version: stale,
          actualVersion: stale,
        },
      ],
    ] as const) {
      const a = await send(agent, baseOf(i), 'PUT', path, lead, body);
      if (a.status !== 409) throw new Error(`warming ${path}: ${a.status}, not 409`);
    }
  }
  // A connection for every client opened before the load (the pool keeps them): connections
  // opened during it are a different measurement (see BENCHMARKS.md's notes).
  if (process.env.BENCH_CLOSE_NEW_CONNECTIONS !== '1') {
    await Promise.all(
      Array.from({ length: LEADS + READERS }, (_, i) =>
        send(agent, baseOf(i), 'GET', '/api/health', readers[i % READERS] as Session),
      ),
    );
  }
  const rssBeforeMb = await Promise.all(servers.map((s) => rssMb(s.child)));
  const started = performance.now();
  const endAt = started + CLOSE_SECONDS * 1000;
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const pause = () => (PAUSE_MS > 0 ? sleep(PAUSE_MS) : undefined);
  // With a pause, the clients start spread evenly over the first one, as people arriving do,
  // rather than all 250 in the same millisecond and then in step.
  const arrive = (k: number) =>
    PAUSE_MS > 0 ? sleep((k * PAUSE_MS) / (LEADS + READERS)) : undefined;
  let n = 0;

  const runLead = async (lead: Lead, i: number) => {
    await arrive(i);
    const base = baseOf(i);
    const mine = state[i] as (typeof state)[number];
    const reportPath = `/api/reports/${lead.unitId}/${YEAR}/${QUARTER}`;
    const actualPath = `/api/actuals/${lead.unitId}/${YEAR}/${QUARTER}`;
    for (let turn = 0; performance.now() < endAt; turn++) {
      const amount = 1_000_000_000 + lead.unitId * 1_000_000 + (n++ % 1_000_000);
      const isReport = turn % 2 === 1;
      const results = `Quý ${QUARTER}: lần ${turn}, đơn vị ${lead.unitId}`;
      for (let attempt = 0; ; attempt++) {
        const body = isReport
          ? {
              amount,
              results,
              causes: 'Nguyên nhân',
              difficulties: '',
              proposals: '',
              nextQuarterExpected: null,
              version: mine.version,
              actualVersion: mine.actualVersion,
            }
          : { amount, version: mine.actualVersion };
        let a: Answer;
        try {
          a = await send(agent, base, 'PUT', isReport ? reportPath : actualPath, lead, body);
        } catch {
          // No answer: the write may or may not have happened; re-read before going on.
          errors++;
          const r = await send(agent, base, 'GET', reportPath, lead);
          const report = JSON.parse(r.body.toString()) as {
            version: number;
            actualVersion: number;
            amount: number;
            results: string;
          };
          Object.assign(mine, { version: report.version, actualVersion: report.actualVersion });
          mine.acked = undefined;
          break;
        }
        writeMs.push(a.ms);
        kinds[isReport ? 'report' : 'actual']?.push(a.ms);
        note(isReport ? 'report' : 'actual', a);
        count(a);
        if (a.status >= 200 && a.status < 300) {
          const saved = JSON.parse(a.body.toString()) as {
            version: number;
            actualVersion?: number;
            amount: number;
            results?: string;
          };
          if (isReport) {
            mine.version = saved.version;
            mine.actualVersion = saved.actualVersion as number;
            mine.acked = {
              amount: saved.amount,
              actualVersion: mine.actualVersion,
              version: saved.version,
              results: saved.results,
            };
          } else {
            mine.actualVersion = saved.version;
            mine.acked = { ...mine.acked, amount: saved.amount, actualVersion: saved.version };
          }
          break;
        }
        if (a.status === 409 && attempt < RETRIES) {
          conflicts++;
          const { current } = JSON.parse(a.body.toString()) as {
            current?: { version: number; actualVersion?: number };
          };
          if (current) {
            if (current.actualVersion !== undefined) {
              mine.version = current.version;
              mine.actualVersion = current.actualVersion;
            } else if (isReport) {
              mine.actualVersion = current.version;
            } else {
              mine.actualVersion = current.version;
            }
            continue;
          }
        }
        refused++;
        break;
      }
      await pause();
    }
  };

  const runReader = async (i: number) => {
    await arrive(LEADS + i);
    const base = baseOf(i);
    for (let turn = 0; performance.now() < endAt; turn++) {
      const path = turn % 2 === 0 ? `/api/summary?year=${YEAR}` : `/api/reviews/${YEAR}/${QUARTER}`;
      try {
        const a = await send(agent, base, 'GET', path, readers[i] as Session);
        readMs.push(a.ms);
        kinds[turn % 2 === 0 ? 'summary' : 'reviews']?.push(a.ms);
        note(turn % 2 === 0 ? 'summary' : 'reviews', a);
        count(a);
        if (a.status !== 200 && a.status < 500) refused++;
      } catch {
        errors++;
      }
      await pause();
    }
  };

  await Promise.all([
    ...leads.map((lead, i) => runLead(lead, i)),
    ...Array.from({ length: READERS }, (_, i) => runReader(i)),
  ]);
  const seconds = (performance.now() - started) / 1000;
  const rssAfterMb = await Promise.all(servers.map((s) => rssMb(s.child)));

  // Nothing is in flight any more: every lead's last acknowledged write must be what is held.
  let lost = 0;
  let checked = 0;
  await Promise.all(
    leads.map(async (lead, i) => {
      const acked = (state[i] as (typeof state)[number]).acked;
      if (!acked) return;
      checked++;
      const a = await send(
        agent,
        baseOf(i + 1),
        'GET',
        `/api/reports/${lead.unitId}/${YEAR}/${QUARTER}`,
        lead,
      );
      const held = JSON.parse(a.body.toString()) as {
        version: number;
        actualVersion: number;
        amount: number;
        results: string;
      };
      const same =
        held.amount === acked.amount &&
        held.actualVersion === acked.actualVersion &&
        (acked.version === undefined ||
          (held.version === acked.version && held.results === acked.results));
      if (!same) {
        lost++;
        console.error(`unit ${lead.unitId}: acknowledged`, acked, 'but the database holds', {
          amount: held.amount,
          actualVersion: held.actualVersion,
          version: held.version,
          results: held.results,
        });
      }
    }),
  );
  agent.destroy();
  console.log(
    'slowest of each kind (ms, sent at s):',
    Object.entries(slowest)
      .map(([k, v]) => `${k} ${v.ms.toFixed(0)} at ${v.at.toFixed(1)}`)
      .join(', '),
  );

  const sortedWrites = writeMs.sort((a, b) => a - b);
  const sortedReads = readMs.sort((a, b) => a - b);
  return {
    seconds,
    writes: writeMs.length,
    writeP50: percentile(sortedWrites, 50),
    writeP99: percentile(sortedWrites, 99),
    reads: readMs.length,
    readP50: percentile(sortedReads, 50),
    readP99: percentile(sortedReads, 99),
    conflicts,
    refused,
    fiveHundreds,
    errors,
    lost,
    checked,
    rssBeforeMb,
    rssAfterMb,
    byKind: Object.fromEntries(
      Object.entries(kinds).map(([kind, ms]) => {
        const sorted = ms.sort((a, b) => a - b);
        return [
          kind,
          {
            p50: percentile(sorted, 50),
            p99: percentile(sorted, 99),
            max: Math.round(sorted.at(-1) ?? Number.NaN),
            count: sorted.length,
          },
        ];
      }),
    ),
  };
}

const mb = (values: number[]) => values.map((v) => v.toFixed(0)).join(' + ');

/** One line of figures, for the console and the table. */
export function closeLine(f: CloseFigures): string {
  return `writes ${(f.writes / f.seconds).toFixed(0)}/s p50 ${f.writeP50} ms p99 ${f.writeP99} ms; reads ${(f.reads / f.seconds).toFixed(0)}/s p50 ${f.readP50} ms p99 ${f.readP99} ms; ${f.fiveHundreds} 5xx, ${f.errors} unanswered, ${f.conflicts} 409 retried, ${f.refused} refused; ${f.lost} of ${f.checked} acknowledged writes lost; RSS ${mb(f.rssBeforeMb)} → ${mb(f.rssAfterMb)} MB; by kind (p50 / p99 / max ms, count): ${Object.entries(
    f.byKind,
  )
    .map(([k, v]) => `${k} ${v.p50} / ${v.p99} / ${v.max} (${v.count})`)
    .join(', ')}`;
}

/** Rows of the full run's table: one per engine measured. */
export function closeRows(runs: Array<{ label: string; figures: CloseFigures }>): string {
  const mark = (ok: boolean) => (ok ? 'met' : '**missed**');
  return runs
    .map(
      ({ label, figures: f }) =>
        `| quarter close, ${label}, ${CLOSE_SECONDS} s: ${LEADS} leads saving figures and reports, ${READERS} readers (dashboard, status board), each client's next request ${PAUSE_MS / 1000} s after its answer | writes p99 ${f.writeP99} ms (${(f.writes / f.seconds).toFixed(0)}/s), reads p99 ${f.readP99} ms (${(f.reads / f.seconds).toFixed(0)}/s); ${f.fiveHundreds} 5xx; ${f.lost} of ${f.checked} acknowledged writes lost; RSS ${mb(f.rssBeforeMb)} → ${mb(f.rssAfterMb)} MB | p99 < 250 ms, 0 5xx, none lost | ${mark(f.writeP99 < 250 && f.readP99 < 250 && f.fiveHundreds === 0 && f.lost === 0)} |`,
    )
    .join('\n');
}

type Server = { child: ChildProcess; base: string; started: number };
type Hooks = {
  startServer: (port: number, database: { DATABASE_PATH: string; DATABASE_URL?: string }) => Server;
  stopServer: (server: Server) => Promise<void>;
  waitForHealth: (server: Server) => Promise<number>;
};

/**
 * The close on SQLite (one process) and, given `pgUrl`, on PostgreSQL with two processes on
 * one fresh schema. `seeded` is the organisation's SQLite file as seeded; it is copied, never
 * written.
 */
export async function measureQuarterClose(
  seeded: string,
  dir: string,
  pgUrl: string | undefined,
  { startServer, stopServer, waitForHealth }: Hooks,
): Promise<Array<{ label: string; figures: CloseFigures }>> {
  const { copyFile } = await import('node:fs/promises');
  const { join } = await import('node:path');
  const withUsers = join(dir, 'close-seeded.db');
  await copyFile(seeded, withUsers);
  const users = await addCloseUsers(withUsers);
  const sqlitePath = join(dir, 'close-sqlite.db');
  await copyFile(withUsers, sqlitePath);
  const runs: Array<{ label: string; figures: CloseFigures }> = [];
  // Free ports, not the bench's fixed ones: another bench on this machine must not be measured.
  const ports = [await freePort(), await freePort(), await freePort()];

  const sqlite = startServer(ports[0] as number, { DATABASE_PATH: sqlitePath });
  try {
    await waitForHealth(sqlite);
    const figures = await quarterClose([sqlite], users);
    console.log(`Quarter close, SQLite, 1 process: ${closeLine(figures)}`);
    runs.push({ label: 'SQLite, 1 process', figures });
  } finally {
    await stopServer(sqlite);
  }
  if (pgUrl === undefined) return runs;

  const { createPgTestRepository, migrateData, withSearchPath } = await import('@targetline/db');
  const target = await createPgTestRepository({ url: pgUrl, maxConnections: 1 });
  const servers: Server[] = [];
  try {
    await migrateData({ fromSqlitePath: withUsers, toUrl: pgUrl, toSchema: target.schema });
    const database = {
      DATABASE_URL: withSearchPath(pgUrl, target.schema),
      DATABASE_PATH: join(dir, 'unused.db'),
    };
    for (const port of ports.slice(1, 3)) servers.push(startServer(port, database));
    await Promise.all(servers.map(waitForHealth));
    const figures = await quarterClose(servers, users);
    console.log(`Quarter close, PostgreSQL, 2 processes: ${closeLine(figures)}`);
    runs.push({ label: 'PostgreSQL, 2 processes', figures });
  } finally {
    await Promise.all(servers.map(stopServer));
    await target.close();
  }
  return runs;
}
