// `pnpm bench`: generates a large organisation, starts the production server on it and
// measures it on loopback, then writes BENCHMARKS.md. Not part of the tests.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { cpus, freemem, tmpdir, totalmem, type } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createSqliteRepository } from '@targetline/db';
import autocannon from 'autocannon';
import { hashPassword } from '../src/auth/password';
import { ROOT_DIR } from '../src/config';
import { generateOrganisation, LEVEL1, UNITS, YEARS } from './organisation';

const PORT = 3999;
const BASE = `http://127.0.0.1:${PORT}`;
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const PASSWORD = 'bench-password';
const NOTES_MARKER = '<!-- notes -->';
const WRITERS = 50;

type Figures = { req: number; p50: number; p99: number; non2xx: number };

async function waitForHealth(started: number): Promise<number> {
  for (;;) {
    try {
      const res = await fetch(`${BASE}/api/health`);
      if (res.ok) return performance.now() - started;
    } catch {
      // not listening yet
    }
    if (performance.now() - started > 60_000)
      throw new Error('the server did not start within 60 s');
    await new Promise((r) => setTimeout(r, 20));
  }
}

function startServer(databasePath: string): { child: ChildProcess; started: number } {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: resolve(ROOT_DIR, 'apps/api'),
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(PORT),
      HOST: '127.0.0.1',
      DATABASE_PATH: databasePath,
      TARGETLINE_DEMO_DATA: 'off',
      TARGETLINE_DEMO_ACCOUNTS: 'off',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return { child, started };
}

async function login(): Promise<{ cookie: string; csrf: string }> {
  const res = await fetch(`${BASE}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'bench', password: PASSWORD }),
  });
  if (!res.ok) throw new Error(`log-in failed: ${res.status}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, csrf: csrfToken };
}

async function load(options: autocannon.Options): Promise<Figures> {
  const result = await autocannon({ connections: 10, duration: DURATION, ...options });
  return {
    req: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
  };
}

async function firstLoadJavaScriptKb(): Promise<{ kb: number; files: string[] }> {
  execFileSync('npx', ['--yes', 'pnpm@10.34.8', '--filter', '@targetline/web', 'build'], {
    cwd: ROOT_DIR,
    stdio: 'ignore',
  });
  const dist = resolve(ROOT_DIR, 'apps/web/dist');
  const html = await readFile(join(dist, 'index.html'), 'utf8');
  // What the browser fetches before the dashboard can show: the entry and its preloads.
  const files = [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.js)"/g)].map(
    (m) => m[1] as string,
  );
  let bytes = 0;
  for (const file of files) bytes += gzipSync(await readFile(join(dist, file))).length;
  return { kb: bytes / 1024, files };
}

async function main() {
  const dir = await mkdtemp(join(tmpdir(), 'targetline-bench-'));
  const databasePath = join(dir, 'bench.db');
  let server: ChildProcess | undefined;
  try {
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
      ],
    });
    await repository.close();
    const size = (await stat(databasePath)).size;
    console.log(
      `${org.plans.length} plans, ${org.actuals.length} actuals, ${(size / 1e6).toFixed(1)} MB`,
    );

    const { child, started } = startServer(databasePath);
    server = child;
    const coldStartMs = await waitForHealth(started);
    console.log(`Cold start to first answer: ${coldStartMs.toFixed(0)} ms`);
    const { cookie, csrf } = await login();
    const year = YEARS.at(-1) as number;

    const health = await load({ url: `${BASE}/api/health` });
    // As a browser asks for it: with its session and accepting gzip (every browser does).
    const summary = await load({
      url: `${BASE}/api/summary?year=${year}`,
      headers: { cookie, 'accept-encoding': 'gzip' },
    });
    console.log('health', health, 'summary', summary);

    // Audited writes: each request a new figure (version 0), so every one is a real insert
    // with its audit row, none a conflict.
    const unitIds = Array.from({ length: UNITS - 1 - LEVEL1 }, (_, i) => i + 2 + LEVEL1);
    let n = 0;
    const writes = await autocannon({
      url: BASE,
      // The end of a quarter: many unit leads saving at once.
      connections: WRITERS,
      amount: 8_000,
      requests: [
        {
          method: 'PUT',
          setupRequest: (request) => {
            const i = n++;
            const unitId = unitIds[i % unitIds.length] as number;
            const yearOffset = Math.floor(i / (unitIds.length * 4));
            const quarter = (Math.floor(i / unitIds.length) % 4) + 1;
            return {
              ...request,
              path: `/api/actuals/${unitId}/${2030 + yearOffset}/${quarter}`,
              headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
              body: JSON.stringify({ amount: 1_000_000 + i, version: 0 }),
            };
          },
        },
      ],
    });
    const writeFigures = {
      perSecond: writes.requests.average,
      p99: writes.latency.p99,
      non2xx: writes.non2xx,
    };
    console.log('writes', writeFigures);

    // A 10,000-row import of actuals, dry-run checks included, applied in one transaction.
    const rows = ['unit_code,year,quarter,type,amount'];
    for (let i = 0; rows.length <= 10_000; i++) {
      const unit = org.units[1 + LEVEL1 + (i % (UNITS - 1 - LEVEL1))];
      rows.push(
        `${unit?.code},${2040 + Math.floor(i / ((UNITS - 1 - LEVEL1) * 4))},${(Math.floor(i / (UNITS - 1 - LEVEL1)) % 4) + 1},actual,${1_000_000 + i}`,
      );
    }
    const form = new FormData();
    form.append('file', new Blob([rows.join('\r\n')], { type: 'text/csv' }), 'bench.csv');
    const importStarted = performance.now();
    const imported = await fetch(`${BASE}/api/import?mode=apply`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrf },
      body: form,
    });
    const importSeconds = (performance.now() - importStarted) / 1000;
    const importBody = (await imported.json()) as { changes?: unknown[]; message?: string };
    if (!imported.ok) throw new Error(`import failed: ${imported.status} ${importBody.message}`);
    console.log(`import of ${importBody.changes?.length} rows: ${importSeconds.toFixed(2)} s`);

    const bundle = await firstLoadJavaScriptKb();
    console.log(`first-load JavaScript: ${bundle.kb.toFixed(1)} KB gzip`, bundle.files);

    const cpu = cpus()[0]?.model ?? 'unknown CPU';
    const machine = `${type()} · ${cpus().length} × ${cpu} · ${(totalmem() / 2 ** 30).toFixed(0)} GiB (${(freemem() / 2 ** 30).toFixed(0)} free) · Node ${process.version}`;
    const ratio = summary.req / health.req;
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
| summary ÷ health | ${ratio.toFixed(3)} | ≥ 0.5 | ${mark(ratio >= 0.5)} |
| summary p99 | ${summary.p99} ms | < 50 ms | ${mark(summary.p99 < 50)} |
| \`PUT /api/actuals/…\`, each with its audit row (${WRITERS} writers) | ${writeFigures.perSecond.toFixed(0)} writes/s, p99 ${writeFigures.p99} ms (${writeFigures.non2xx} non-2xx) | ≥ 1,000/s | ${mark(writeFigures.perSecond >= 1000)} |
| import of a 10,000-row CSV (validate, plan, apply in one transaction) | ${importSeconds.toFixed(2)} s | < 2 s | ${mark(importSeconds < 2)} |
| cold start to first answer (migrations, listen) | ${coldStartMs.toFixed(0)} ms | | |
| first-load JavaScript of the web app | ${bundle.kb.toFixed(1)} KB gzip (${bundle.files.length} files) | < 250 KB | ${mark(bundle.kb < 250)} |
`;
    // Notes written by people below the marker survive a new run.
    const path = resolve(ROOT_DIR, 'BENCHMARKS.md');
    const previous = await readFile(path, 'utf8').catch(() => '');
    const notes = previous.includes(NOTES_MARKER)
      ? previous.slice(previous.indexOf(NOTES_MARKER))
      : '';
    await writeFile(path, notes ? `${report}\n${notes}` : report);
    console.log(`\n${report}`);
    if (health.non2xx > 0 || summary.non2xx > 0)
      console.warn('Some read requests failed: see non2xx above');
  } finally {
    server?.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
