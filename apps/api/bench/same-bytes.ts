// `summary ÷ the same bytes from a bare Fastify` (issue 16, item 5): the summary's read rate
// against a bare Fastify process serving the very bytes the real server answered
// (bench/bare-bytes.mjs), both measured with the same autocannon settings. /api/health is a
// 16-byte answer; dividing by it charged the server for the client's cost of receiving 100 KB.
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { ROOT_DIR } from '../src/config';

/**
 * A port nothing listens on now: other benches may run on this machine at the same time, and
 * a fixed port could measure their server instead.
 */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

/** The raw answer of `GET path` as a browser asks for it (gzip), not decoded. */
function rawAnswer(
  base: string,
  path: string,
  cookie: string,
): Promise<{ bytes: Buffer; encoding: string | undefined }> {
  const url = new URL(path, base);
  return new Promise((done, fail) => {
    request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        headers: { cookie, 'accept-encoding': 'gzip' },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          if (res.statusCode !== 200) fail(new Error(`${path}: ${res.statusCode}`));
          else
            done({
              bytes: Buffer.concat(chunks),
              encoding: res.headers['content-encoding'] as string | undefined,
            });
        });
        res.on('error', fail);
      },
    )
      .on('error', fail)
      .end();
  });
}

/**
 * Starts bench/bare-bytes.mjs on a free port with the bytes `base` answers `path` with, runs
 * `measure` on it (the same load as the real server's), and stops it.
 */
export async function measureSameBytes<F>(
  base: string,
  path: string,
  cookie: string,
  dir: string,
  measure: (bareBase: string) => Promise<F>,
): Promise<{ figures: F; bytes: number }> {
  const { bytes, encoding } = await rawAnswer(base, path, cookie);
  if (encoding !== 'gzip') throw new Error(`${path} was not answered gzipped (${encoding})`);
  const file = join(dir, 'summary.json.gz');
  const port = await freePort();
  await writeFile(file, bytes);
  const child = spawn(process.execPath, ['bench/bare-bytes.mjs'], {
    cwd: resolve(ROOT_DIR, 'apps/api'),
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', BENCH_BYTES: file },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise((done) => child.once('exit', done));
  try {
    const bareBase = `http://127.0.0.1:${port}`;
    for (let started = performance.now(); ; ) {
      if (child.exitCode !== null) throw new Error('bench/bare-bytes.mjs exited');
      const ok = await fetch(`${bareBase}/api/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      if (performance.now() - started > 30_000) throw new Error('bare-bytes did not start');
      await new Promise((r) => setTimeout(r, 20));
    }
    return { figures: await measure(bareBase), bytes: bytes.length };
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}
