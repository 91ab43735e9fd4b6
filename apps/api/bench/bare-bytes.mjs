// The floor of the summary's read rate: a bare Fastify process that answers
// `GET /api/summary` with the bytes the real server sent for it (gzip, read from BENCH_BYTES
// once at start), whatever the query. What is left between the two is the real server's own
// work per request (session, cache look-up, hooks), not the size of the answer or the client's
// cost of receiving it. Run by bench/same-bytes.ts.
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';

const body = readFileSync(process.env.BENCH_BYTES);
const app = Fastify();
app.get('/api/health', async () => ({ status: 'ok' }));
app.get('/api/summary', (_request, reply) => {
  reply
    .header('content-type', 'application/json; charset=utf-8')
    .header('content-encoding', 'gzip')
    .header('vary', 'accept-encoding')
    .send(body);
});
await app.listen({ port: Number(process.env.PORT), host: process.env.HOST ?? '127.0.0.1' });
process.once('SIGTERM', () => app.close().then(() => process.exit(0)));
