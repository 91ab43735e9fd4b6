// The floor of the cold-start figure: a bare Fastify process answering /api/health, started
// the way the built server is (plain node, same port and environment). Run by bench/run.ts.
import Fastify from 'fastify';

const app = Fastify();
app.get('/api/health', async () => ({ status: 'ok' }));
await app.listen({ port: Number(process.env.PORT), host: process.env.HOST ?? '127.0.0.1' });
process.once('SIGTERM', () => app.close().then(() => process.exit(0)));
