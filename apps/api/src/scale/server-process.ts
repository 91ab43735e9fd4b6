import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TEST_SCRYPT_LOG2N } from '../test/helpers';

// A real API process on a database (tsx src/server.ts), for the tests that need several; or
// the built server (dist/server.js, as `pnpm start` runs it).
const API_DIR = join(dirname(fileURLToPath(import.meta.url)), '../..');
export type Server = {
  baseUrl: string;
  child: ChildProcess;
  /** The last 4,000 characters it wrote (stdout and stderr). */
  output: () => string;
};

export function startServer(
  databaseUrl: string,
  env: Record<string, string> = {},
): Promise<Server> {
  return spawnServer(['--import', 'tsx', 'src/server.ts'], {
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    // Seeded once by the test, before either process starts.
    TARGETLINE_DEMO_DATA: 'off',
    TARGETLINE_SCRYPT_LOG2N: String(TEST_SCRYPT_LOG2N),
    ...env,
  });
}

/** The built server, `node dist/server.js` with `env`; build it first (scripts/build.mjs). */
export function startBuiltServer(env: Record<string, string>): Promise<Server> {
  return spawnServer(['dist/server.js'], env);
}

function spawnServer(args: string[], env: Record<string, string>): Promise<Server> {
  const child = spawn(process.execPath, args, {
    cwd: API_DIR,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the server did not listen within 60 s: ${output}`));
    }, 60_000);
    const onData = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-4000);
      const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({ baseUrl: match[1], child, output: () => output });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code}) before listening: ${output}`));
    });
  });
}

/** SIGTERM; resolves with the exit code (or the signal that ended it). */
export const stop = (server: Server | undefined) =>
  new Promise<number | string | null>((resolve) => {
    if (!server || server.child.exitCode !== null) return resolve(server?.child.exitCode ?? null);
    server.child.once('exit', (code, signal) => resolve(code ?? signal));
    server.child.kill('SIGTERM');
  });
