// Cold start to first answer: the built production server against a bare Fastify process, in
// turns in the same run, so that a busy machine slows both. Part of `pnpm bench` (run.ts);
// alone, on a generated 1,000-unit database: `pnpm --filter @targetline/api bench:cold-start`.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createSqliteRepository } from '@targetline/db';
import { ROOT_DIR } from '../src/config';
import { generateOrganisation } from './organisation';

const API_DIR = resolve(ROOT_DIR, 'apps/api');

/** The production server as `pnpm start` runs it, after `node scripts/build.mjs`. */
export const SERVER_COMMAND = ['dist/server.js'];
const BARE_COMMAND = ['bench/bare-fastify.mjs'];

export type ColdStart = { serverMs: number; bareMs: number; ratio: number; runs: number };

/** Builds what changed (web app and API), as `pnpm start` does before it runs the server. */
export function buildAll() {
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT_DIR, stdio: 'inherit' });
}

/**
 * Milliseconds from spawning `node …args` to its first 200 on /api/health; then SIGTERM, and
 * the process must exit 0.
 */
async function timeToFirstAnswer(
  args: string[],
  port: number,
  env: Record<string, string>,
): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: API_DIR,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<number | string>((done) =>
    child.once('exit', (code, signal) => done(code ?? signal ?? 'unknown')),
  );
  let answeredMs: number | undefined;
  while (answeredMs === undefined) {
    if (child.exitCode !== null) throw new Error(`${args.join(' ')} exited before answering`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (res.ok) answeredMs = performance.now() - started;
    } catch {
      // not listening yet
    }
    if (performance.now() - started > 60_000) {
      child.kill('SIGKILL');
      throw new Error(`${args.join(' ')} did not answer within 60 s`);
    }
    if (answeredMs === undefined) await new Promise((r) => setTimeout(r, 10));
  }
  child.kill('SIGTERM');
  const code = await exited;
  if (code !== 0) throw new Error(`${args.join(' ')} exited with ${code} on SIGTERM, not 0`);
  return answeredMs;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

/** The medians of `runs` cold starts of each, the server on the SQLite file `databasePath`. */
export async function measureColdStart(
  databasePath: string,
  port: number,
  runs = 5,
): Promise<ColdStart> {
  const server: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < runs; i++) {
    bare.push(await timeToFirstAnswer(BARE_COMMAND, port, {}));
    server.push(
      await timeToFirstAnswer(SERVER_COMMAND, port, {
        NODE_ENV: 'production',
        DATABASE_URL: '',
        DATABASE_PATH: databasePath,
        TARGETLINE_DEMO_DATA: 'off',
        TARGETLINE_DEMO_ACCOUNTS: 'off',
      }),
    );
  }
  const serverMs = median(server);
  const bareMs = median(bare);
  return { serverMs, bareMs, ratio: serverMs / bareMs, runs };
}

async function main() {
  const dir = await mkdtemp(join(tmpdir(), 'targetline-cold-start-'));
  try {
    buildAll();
    const databasePath = join(dir, 'bench.db');
    const repository = createSqliteRepository({ path: databasePath });
    await repository.seedIfEmpty({ ...generateOrganisation(), users: [] });
    await repository.close();
    const figures = await measureColdStart(databasePath, 3996);
    console.log(
      `cold start to first answer, median of ${figures.runs}: built server ${figures.serverMs.toFixed(0)} ms, bare Fastify ${figures.bareMs.toFixed(0)} ms (×${figures.ratio.toFixed(1)})`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
