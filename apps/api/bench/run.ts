// `pnpm bench`: generates a large organisation, starts the production server on it and
// measures it on loopback, then writes BENCHMARKS.md. Not part of the tests.
//
// `pnpm bench --only=pg-writes`: only PostgreSQL's audited writes (1 process with 50 writers,
// then 2 processes with 25 + 25), printed and not written to BENCHMARKS.md: two minutes instead
// of the whole run, for work on the PostgreSQL write path. Needs BENCH_DATABASE_URL or
// TARGETLINE_TEST_DATABASE_URL. `--only=writes`: SQLite's audited writes first, then the same,
// so that both engines are compared on the same machine in the same minutes (it is shared).
//
// `--only=close`: the quarter close (bench/quarter-close.ts) on SQLite and, given a URL, on
// PostgreSQL with two processes; printed. BENCH_CLOSE_SECONDS (60) sets its length.
// `--only=browser`: only the dashboard in Chromium (browser.ts), printed, not written.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { copyFile, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { cpus, freemem, tmpdir, totalmem, type } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  createPgTestRepository,
  createSqliteRepository,
  isPostgresUrl,
  migrateData,
  withSearchPath,
} from '@targetline/db';
import autocannon from 'autocannon';
import { hashPassword } from '../src/auth/password';
import { ROOT_DIR } from '../src/config';
import { browserRows, measureBrowser } from './browser';
import { buildAll, measureColdStart, SERVER_COMMAND } from './cold-start';
import { generateOrganisation, LEVEL1, UNITS, YEARS } from './organisation';
import { closeRows, measureQuarterClose } from './quarter-close';
import { measureSameBytes } from './same-bytes';

const PORT = 3999;
/** The two PostgreSQL processes: beside the SQLite one, never on its port. */
const PG_PORTS = [3998, 3997] as const;
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const PASSWORD = 'bench-password';
const NOTES_MARKER = '<!-- notes -->';
const WRITERS = 50;
const WRITES = 8_000;
const READERS = 10;
/** Failed log-ins of each kind timed; with the bench's own log-in, under the 20 a minute per address. */
const LOGIN_TRIES = 8;
/** The dashboard in Chromium (browser.ts), on the seeded data of the last generated year. */
const browserOptions = (base: string) => ({
  base,
  username: 'bench',
  password: PASSWORD,
  year: YEARS.at(-1) as number,
});
/** `--only=pg-writes`: see the top of this file. */
const ONLY = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length);
if (
  ONLY !== undefined &&
  ONLY !== 'pg-writes' &&
  ONLY !== 'writes' &&
  ONLY !== 'close' &&
  ONLY !== 'browser'
) {
  throw new Error(
    `--only=${ONLY}: the parts that can run alone are pg-writes, writes, close and browser`,
  );
}

type Figures = { req: number; p50: number; p99: number; non2xx: number };
type Server = { child: ChildProcess; base: string; started: number };
type Session = { cookie: string; csrf: string };

/** Where PostgreSQL is measured: BENCH_DATABASE_URL, else the tests' server; unset skips it. */
function benchDatabaseUrl(): string | undefined {
  const url =
    process.env.BENCH_DATABASE_URL?.trim() ||
    process.env.TARGETLINE_TEST_DATABASE_URL?.trim() ||
    undefined;
  // Refused before the long SQLite part, not after it.
  if (url !== undefined && !isPostgresUrl(url))
    throw new Error('BENCH_DATABASE_URL must be a postgres:// URL');
  return url;
}

async function waitForHealth({ base, started }: Server): Promise<number> {
  for (;;) {
    try {
      const res = await fetch(`${base}/api/health`);
      if (res.ok) return performance.now() - started;
    } catch {
      // not listening yet
    }
    if (performance.now() - started > 60_000)
      throw new Error(`the server at ${base} did not start within 60 s`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * The production server on `port`, built as `pnpm start` builds and runs it; `database`
 * selects the engine (DATABASE_PATH or _URL).
 */
function startServer(
  port: number,
  database: { DATABASE_PATH: string; DATABASE_URL?: string },
): Server {
  const started = performance.now();
  // BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=…": the servers' own profiles of a run.
  const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, ...SERVER_COMMAND], {
    cwd: resolve(ROOT_DIR, 'apps/api'),
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      // Empty unless given: a DATABASE_URL in the caller's shell must not turn the SQLite
      // figures into PostgreSQL ones.
      DATABASE_URL: '',
      ...database,
      TARGETLINE_DEMO_DATA: 'off',
      TARGETLINE_DEMO_ACCOUNTS: 'off',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return { child, base: `http://127.0.0.1:${port}`, started };
}

/** SIGTERM (the server closes its database), SIGKILL if it has not exited within 5 s. */
async function stopServer({ child }: Server): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

async function login(base: string): Promise<Session> {
  const res = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'bench', password: PASSWORD }),
  });
  if (!res.ok) throw new Error(`log-in failed: ${res.status}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, csrf: csrfToken };
}

/** Failed log-ins, one at a time: an unknown username, and a known one with a wrong password. */
async function loginTimes(base: string): Promise<{ unknown: number; wrong: number }> {
  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
  };
  const attempt = async (username: string) => {
    const started = performance.now();
    const res = await fetch(`${base}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: 'not the password' }),
    });
    await res.arrayBuffer();
    if (res.status !== 401) throw new Error(`log-in as ${username}: ${res.status}, not 401`);
    return performance.now() - started;
  };
  const unknown: number[] = [];
  const wrong: number[] = [];
  for (let i = 0; i < LOGIN_TRIES; i++) {
    unknown.push(await attempt(`nobody-${i}`));
    wrong.push(await attempt(`bench-${i}`));
  }
  return { unknown: median(unknown), wrong: median(wrong) };
}

function figuresOf(result: autocannon.Result): Figures {
  return {
    req: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
  };
}

async function load(options: autocannon.Options): Promise<Figures> {
  return figuresOf(await autocannon({ connections: READERS, duration: DURATION, ...options }));
}

/** Runs at the same time, one per process: rates add up, latency is the worse of them. */
function together(runs: Figures[]): Figures {
  return {
    req: runs.reduce((sum, f) => sum + f.req, 0),
    p50: Math.max(...runs.map((f) => f.p50)),
    p99: Math.max(...runs.map((f) => f.p99)),
    non2xx: runs.reduce((sum, f) => sum + f.non2xx, 0),
  };
}

/** As a browser asks for the summary: with its session and accepting gzip (every browser does). */
function summaryLoad(base: string, session: Session, year: number, connections = READERS) {
  return load({
    url: `${base}/api/summary?year=${year}`,
    connections,
    headers: { cookie: session.cookie, 'accept-encoding': 'gzip' },
  });
}

/**
 * Actuals nobody has saved yet, from `firstYear` on (the generated years end in 2025): each
 * PUT a new figure with version 0, so every one is a real insert with its audit row, none a
 * conflict. One sequence may feed several clients at once: they never repeat a figure.
 */
function newActuals(firstYear: number) {
  const unitIds = Array.from({ length: UNITS - 1 - LEVEL1 }, (_, i) => i + 2 + LEVEL1);
  let n = 0;
  return () => {
    const i = n++;
    const unitId = unitIds[i % unitIds.length] as number;
    const year = firstYear + Math.floor(i / (unitIds.length * 4));
    const quarter = (Math.floor(i / unitIds.length) % 4) + 1;
    return { path: `/api/actuals/${unitId}/${year}/${quarter}`, amount: 1_000_000 + i };
  };
}

/** Audited writes: `amount` PUTs over `connections`, the end of a quarter's rush. */
async function writeLoad(
  base: string,
  session: Session,
  next: ReturnType<typeof newActuals>,
  connections = WRITERS,
  amount = WRITES,
): Promise<Figures> {
  const result = await autocannon({
    url: base,
    connections,
    amount,
    requests: [
      {
        method: 'PUT',
        setupRequest: (request) => {
          const { path, amount } = next();
          return {
            ...request,
            path,
            headers: {
              cookie: session.cookie,
              'x-csrf-token': session.csrf,
              'content-type': 'application/json',
            },
            body: JSON.stringify({ amount, version: 0 }),
          };
        },
      },
    ],
  });
  return figuresOf(result);
}

type PgFigures = {
  version: string;
  summary: Figures;
  summaryTwo: Figures;
  writes: Figures;
  writesTwo: Figures;
};

/**
 * The same organisation on PostgreSQL: moved from `sqliteCopy` (the file as seeded) into a
 * fresh schema, then measured with one API process and with two on that schema. The
 * processes are stopped and the schema dropped whatever happens.
 */
async function measurePostgres(
  url: string,
  sqliteCopy: string,
  dir: string,
  year: number,
  { isWritesOnly = false }: { isWritesOnly?: boolean } = {},
): Promise<PgFigures> {
  // A fresh migrated schema of its own; close() drops it.
  const target = await createPgTestRepository({ url, maxConnections: 1 });
  const servers: Server[] = [];
  try {
    process.stdout.write(`PostgreSQL: moving the organisation into schema ${target.schema} … `);
    const moved = await migrateData({
      fromSqlitePath: sqliteCopy,
      toUrl: url,
      toSchema: target.schema,
    });
    console.log(`${moved.rows.plans} plans, ${moved.rows.actuals} actuals`);
    const { rows } = await target.pool.query<{ server_version: string }>('SHOW server_version');
    const version = rows[0]?.server_version ?? 'unknown';
    const database = {
      DATABASE_URL: withSearchPath(url, target.schema),
      // Never opened with a URL; set so that no default file is even looked at.
      DATABASE_PATH: join(dir, 'unused.db'),
    };
    const start = async (port: number) => {
      const server = startServer(port, database);
      servers.push(server);
      await waitForHealth(server);
      return server;
    };

    const one = await start(PG_PORTS[0]);
    // Sessions live in the database: this one is valid on both processes.
    const session = await login(one.base);
    const skipped: Figures = { req: Number.NaN, p50: Number.NaN, p99: Number.NaN, non2xx: 0 };
    const summary = isWritesOnly ? skipped : await summaryLoad(one.base, session, year);
    const writes = await writeLoad(one.base, session, newActuals(2050));
    console.log('PostgreSQL, 1 process: summary', summary, 'writes', writes);

    const two = await start(PG_PORTS[1]);
    // The writes above made a new data version: both processes compute it before measuring.
    // The client splits the load, as a load balancer would: half the connections each.
    const summaryTwo = isWritesOnly
      ? skipped
      : together(
          await Promise.all([one, two].map((s) => summaryLoad(s.base, session, year, READERS / 2))),
        );
    const next = newActuals(2060);
    const writesTwo = together(
      await Promise.all(
        [one, two].map((s) => writeLoad(s.base, session, next, WRITERS / 2, WRITES / 2)),
      ),
    );
    console.log('PostgreSQL, 2 processes: summary', summaryTwo, 'writes', writesTwo);
    return { version, summary, summaryTwo, writes, writesTwo };
  } finally {
    // Stopped first: the schema is dropped under no open connection of theirs.
    await Promise.all(servers.map(stopServer));
    await target.close();
  }
}

function postgresSection(
  outcome: { figures: PgFigures; url: string } | { skipped: string },
  year: number,
): string {
  if ('skipped' in outcome) return `## PostgreSQL\n\n${outcome.skipped}\n`;
  const { figures: pg, url } = outcome;
  const reads = (f: Figures) => `${f.req.toFixed(0)} req/s, p50 ${f.p50} ms, p99 ${f.p99} ms`;
  const writes = (f: Figures) =>
    `${f.req.toFixed(0)} writes/s, p99 ${f.p99} ms (${f.non2xx} non-2xx)`;
  return `## PostgreSQL

The same organisation, moved from the seeded SQLite file by \`migrateData\` into a fresh schema on the PostgreSQL server at ${new URL(url).host}; the same production server with \`DATABASE_URL\` (search_path = that schema). Two processes: a second server on the same schema, the load split by the client — half the connections to each, as a load balancer would — run at the same time; req/s added, latencies the worse of the two. Writes go to figures of years no other part writes, each new (version 0).

| figure | result |
| --- | --- |
| \`GET /api/summary?year=${year}\`, 1 process (${READERS} connections) | ${reads(pg.summary)} |
| \`GET /api/summary?year=${year}\`, 2 processes (${READERS / 2} + ${READERS / 2} connections) | ${reads(pg.summaryTwo)} |
| \`PUT /api/actuals/…\`, each with its audit row, 1 process (${WRITERS} writers) | ${writes(pg.writes)} |
| \`PUT /api/actuals/…\`, each with its audit row, 2 processes (${WRITERS / 2} + ${WRITERS / 2} writers) | ${writes(pg.writesTwo)} |
| PostgreSQL server | ${pg.version} |
`;
}

const NOT_MEASURED =
  'Not measured: no PostgreSQL server was given. Set `BENCH_DATABASE_URL` (or `TARGETLINE_TEST_DATABASE_URL`) to a postgres:// URL of a database in which the role may CREATE SCHEMA, e.g. `BENCH_DATABASE_URL=postgres://targetline:targetline@127.0.0.1:5432/targetline_test pnpm bench`.';

async function firstLoadJavaScriptKb(): Promise<{ kb: number; files: string[] }> {
  const dist = resolve(ROOT_DIR, 'apps/web/dist');
  const html = await readFile(join(dist, 'index.html'), 'utf8');
  // What the browser fetches before the log-in page can show: the entry and its preloads,
  // and the words of the reader's language (Vietnamese here), loaded before the first render.
  const files = [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.js)"/g)].map(
    (m) => m[1] as string,
  );
  const words = (await readdir(join(dist, 'assets'))).find((name) => /^vi-[\w-]+\.js$/.test(name));
  if (!words) throw new Error('the build has no chunk of Vietnamese words (assets/vi-*.js)');
  files.push(`assets/${words}`);
  let bytes = 0;
  for (const file of files) bytes += gzipSync(await readFile(join(dist, file))).length;
  return { kb: bytes / 1024, files };
}

const closeHooks = { startServer, stopServer, waitForHealth };

async function main() {
  const pgUrl = benchDatabaseUrl();
  const dir = await mkdtemp(join(tmpdir(), 'targetline-bench-'));
  const databasePath = join(dir, 'bench.db');
  // The organisation as seeded, for PostgreSQL: the SQLite part's writes change bench.db.
  const seededCopy = join(dir, 'seeded.db');
  let server: Server | undefined;
  try {
    // The web app (its first-load JavaScript is measured) and the server, as `pnpm start` has them.
    buildAll();
    process.stdout.write('Generating 1,000 units × 10 years … ');
    const org = generateOrganisation();
    const repository = createSqliteRepository({ path: databasePath });
    await repository.seedIfEmpty({
      ...org,
      users: [
        {
          username: 'bench',
          displayName: 'Bench',
          role: 'admin',
          unitCodes: [],
          passwordHash: await hashPassword(PASSWORD),
        },
        // For the log-in timing: wrong passwords, one account each (5 tries a minute each).
        ...(await Promise.all(
          Array.from({ length: LOGIN_TRIES }, async (_, i) => ({
            username: `bench-${i}`,
            displayName: `Bench ${i}`,
            role: 'viewer' as const,
            unitCodes: [],
            passwordHash: await hashPassword(PASSWORD),
          })),
        )),
      ],
    });
    await repository.close();
    await copyFile(databasePath, seededCopy);
    const size = (await stat(databasePath)).size;
    console.log(
      `${org.plans.length} plans, ${org.actuals.length} actuals, ${(size / 1e6).toFixed(1)} MB`,
    );
    if (ONLY === 'browser') {
      // A port of its own: a full run elsewhere on this machine may hold PORT.
      server = startServer(3994, { DATABASE_PATH: databasePath });
      await waitForHealth(server);
      const figures = await measureBrowser(browserOptions(server.base));
      console.log(`\n${browserRows(figures, UNITS)}`);
      return;
    }
    // `--only=close`: the quarter close (bench/quarter-close.ts), printed, not written.
    if (ONLY === 'close') {
      await measureQuarterClose(seededCopy, dir, pgUrl, closeHooks);
      return;
    }
    if (ONLY !== undefined) {
      if (pgUrl === undefined) throw new Error(NOT_MEASURED);
      if (ONLY === 'writes') {
        server = startServer(PORT, { DATABASE_PATH: databasePath });
        await waitForHealth(server);
        const sqliteWrites = await writeLoad(
          server.base,
          await login(server.base),
          newActuals(2030),
        );
        await stopServer(server);
        console.log(
          `SQLite writes (${WRITERS} writers): ${sqliteWrites.req.toFixed(0)} writes/s, p50 ${sqliteWrites.p50} ms, p99 ${sqliteWrites.p99} ms (${sqliteWrites.non2xx} non-2xx)`,
        );
      }
      const { writes, writesTwo } = await measurePostgres(
        pgUrl,
        seededCopy,
        dir,
        YEARS.at(-1) as number,
        {
          isWritesOnly: true,
        },
      );
      const line = (f: Figures) =>
        `${f.req.toFixed(0)} writes/s, p50 ${f.p50} ms, p99 ${f.p99} ms (${f.non2xx} non-2xx)`;
      console.log(`\nPostgreSQL writes, 1 process (${WRITERS} writers): ${line(writes)}`);
      console.log(
        `PostgreSQL writes, 2 processes (${WRITERS / 2} + ${WRITERS / 2}): ${line(writesTwo)}`,
      );
      return;
    }

    const coldStart = await measureColdStart(databasePath, PORT);
    console.log(
      `Cold start to first answer, median of ${coldStart.runs}: ${coldStart.serverMs.toFixed(0)} ms, bare Fastify ${coldStart.bareMs.toFixed(0)} ms`,
    );
    server = startServer(PORT, { DATABASE_PATH: databasePath });
    const { base } = server;
    await waitForHealth(server);
    const session = await login(base);
    const logins = await loginTimes(base);
    console.log('log-in medians (ms)', logins);
    const { cookie, csrf } = session;
    const year = YEARS.at(-1) as number;

    const health = await load({ url: `${base}/api/health` });
    const summary = await summaryLoad(base, session, year);
    console.log('health', health, 'summary', summary);
    // The summary's gzip bytes from a bare Fastify process, with the same load (same-bytes.ts).
    const sameBytes = await measureSameBytes(
      base,
      `/api/summary?year=${year}`,
      session.cookie,
      dir,
      (bare) => summaryLoad(bare, session, year),
    );
    console.log('the same bytes from a bare Fastify', sameBytes);
    const browser = await measureBrowser(browserOptions(base));

    const writeFigures = await writeLoad(base, session, newActuals(2030));
    console.log('writes', writeFigures);

    // A 10,000-row import of actuals, dry-run checks included, applied in one transaction.
    const rows = ['unit_code,year,quarter,type,amount'];
    for (let i = 0; rows.length <= 10_000; i++) {
      const unit = org.units[1 + LEVEL1 + (i % (UNITS - 1 - LEVEL1))];
      rows.push(
        `${unit?.code},${2040 + Math.floor(i / ((UNITS - 1 - LEVEL1) * 4))},${(Math.floor(i / (UNITS - 1 - LEVEL1)) % 4) + 1},actual,${1_000_000 + i}`,
      );
    }
    const importForm = (basis?: unknown) => {
      const form = new FormData();
      // The apply sends back the dry run's basis, before the file.
      if (basis !== undefined) form.append('basis', JSON.stringify(basis));
      form.append('file', new Blob([rows.join('\r\n')], { type: 'text/csv' }), 'bench.csv');
      return form;
    };
    // The dry run the apply needs (its basis) comes first, as on the import page; the apply is
    // what is timed.
    const dryRunStarted = performance.now();
    const checked = await fetch(`${base}/api/import?mode=dry-run`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrf },
      body: importForm(),
    });
    const checkedBody = (await checked.json()) as { basis?: unknown; message?: string };
    if (!checked.ok)
      throw new Error(`import dry run failed: ${checked.status} ${checkedBody.message}`);
    console.log(`import dry run: ${((performance.now() - dryRunStarted) / 1000).toFixed(2)} s`);
    const importStarted = performance.now();
    const imported = await fetch(`${base}/api/import?mode=apply`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrf },
      body: importForm(checkedBody.basis),
    });
    const importSeconds = (performance.now() - importStarted) / 1000;
    const importBody = (await imported.json()) as { changes?: unknown[]; message?: string };
    if (!imported.ok) throw new Error(`import failed: ${imported.status} ${importBody.message}`);
    console.log(`import of ${importBody.changes?.length} rows: ${importSeconds.toFixed(2)} s`);

    // The SQLite server stops first: PostgreSQL's figures must not share the CPUs with it.
    await stopServer(server);
    const postgres = await postgresOutcome(pgUrl, seededCopy, dir, year);
    const close = await measureQuarterClose(seededCopy, dir, pgUrl, closeHooks);

    const bundle = await firstLoadJavaScriptKb();
    console.log(`first-load JavaScript: ${bundle.kb.toFixed(1)} KB gzip`, bundle.files);

    const cpu = cpus()[0]?.model ?? 'unknown CPU';
    const machine = `${type()} · ${cpus().length} × ${cpu} · ${(totalmem() / 2 ** 30).toFixed(0)} GiB (${(freemem() / 2 ** 30).toFixed(0)} free) · Node ${process.version}`;
    const ratio = summary.req / sameBytes.figures.req;
    const mark = (ok: boolean) => (ok ? 'met' : '**missed**');
    const report = `# Benchmarks

Measured by \`pnpm bench\` (apps/api/bench/run.ts) on ${new Date().toISOString().slice(0, 10)}.
Machine: ${machine}.
Data: ${UNITS} units in three levels × ${YEARS.length} years (${org.plans.length} plans, ${org.actuals.length} actuals; ${(size / 1e6).toFixed(1)} MB SQLite, WAL, synchronous=FULL).
Load: autocannon on loopback, the production server (NODE_ENV=production) in its own process; reads with 10 connections for ${DURATION} s each, accepting gzip as browsers do; writes with ${WRITERS} connections (8,000 PUTs).

| figure | result | target | |
| --- | --- | --- | --- |
| \`GET /api/health\` (the ceiling) | ${health.req.toFixed(0)} req/s, p50 ${health.p50} ms, p99 ${health.p99} ms | | |
| \`GET /api/summary?year=${year}\` (${UNITS} units, with last year and the analysis) | ${summary.req.toFixed(0)} req/s, p50 ${summary.p50} ms, p99 ${summary.p99} ms | | |
| summary ÷ the same bytes (${(sameBytes.bytes / 1024).toFixed(0)} KB gzip) from a bare Fastify: ${sameBytes.figures.req.toFixed(0)} req/s, p99 ${sameBytes.figures.p99} ms | ${ratio.toFixed(3)} | ≥ 0.5 | ${mark(ratio >= 0.5)} |
| summary p99 | ${summary.p99} ms | < 50 ms | ${mark(summary.p99 < 50)} |
| \`PUT /api/actuals/…\`, each with its audit row (${WRITERS} writers) | ${writeFigures.req.toFixed(0)} writes/s, p99 ${writeFigures.p99} ms (${writeFigures.non2xx} non-2xx) | ≥ 1,000/s | ${mark(writeFigures.req >= 1000)} |
| import of a 10,000-row CSV (validate, plan, apply in one transaction) | ${importSeconds.toFixed(2)} s | < 2 s | ${mark(importSeconds < 2)} |
| failed log-in, median of ${LOGIN_TRIES} (scrypt N = 2^17): unknown user / wrong password | ${logins.unknown.toFixed(0)} ms / ${logins.wrong.toFixed(0)} ms | about the same | ${mark(Math.abs(logins.unknown - logins.wrong) < 0.2 * logins.wrong)} |
| cold start to first answer, built server (migrations, listen) / a bare Fastify process, median of ${coldStart.runs} each | ${coldStart.serverMs.toFixed(0)} ms / ${coldStart.bareMs.toFixed(0)} ms (×${coldStart.ratio.toFixed(1)}) | ≤ 3× bare (about 1 s) | ${mark(coldStart.ratio <= 3)} |
| first-load JavaScript of the web app | ${bundle.kb.toFixed(1)} KB gzip (${bundle.files.length} files) | < 250 KB | ${mark(bundle.kb < 250)} |
${closeRows(close)}
${browserRows(browser, UNITS)}

${postgresSection(postgres, year)}`;
    // Notes written by people below the marker survive a new run.
    const path = resolve(ROOT_DIR, 'BENCHMARKS.md');
    const previous = await readFile(path, 'utf8').catch(() => '');
    const notes = previous.includes(NOTES_MARKER)
      ? previous.slice(previous.indexOf(NOTES_MARKER))
      : '';
    await writeFile(path, notes ? `${report}\n${notes}` : report);
    // The tables as Biome lays them out, so that `pnpm lint` stays green after a run.
    execFileSync('npx', ['--yes', 'pnpm@10.34.8', 'exec', 'biome', 'format', '--write', path], {
      cwd: ROOT_DIR,
      stdio: 'ignore',
    });
    console.log(`\n${report}`);
    if (health.non2xx > 0 || summary.non2xx > 0)
      console.warn('Some read requests failed: see non2xx above');
  } finally {
    if (server) await stopServer(server);
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * PostgreSQL's figures, or why there are none. A failure there is reported (and fails the
 * run) without losing the SQLite figures measured before it.
 */
async function postgresOutcome(
  url: string | undefined,
  sqliteCopy: string,
  dir: string,
  year: number,
): Promise<{ figures: PgFigures; url: string } | { skipped: string }> {
  if (url === undefined) return { skipped: NOT_MEASURED };
  try {
    return { figures: await measurePostgres(url, sqliteCopy, dir, year), url };
  } catch (err) {
    console.error(err);
    process.exitCode = 1;
    return { skipped: `Not measured: the PostgreSQL part failed (${(err as Error).message}).` };
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
