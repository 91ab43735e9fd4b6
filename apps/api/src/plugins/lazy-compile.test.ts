import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../test/helpers';
import { createLazyCompiler } from './lazy-compile';
import { registerValidation } from './validation';

let ctx: Awaited<ReturnType<typeof buildTestApp>>;
beforeAll(async () => {
  ctx = await buildTestApp({ isSeeded: false });
});
afterAll(async () => {
  await ctx?.app.close();
});

describe('createLazyCompiler', () => {
  it('leaves the routes uncompiled at start, and compiles every one of them on compileAll', () => {
    // Every route has a response schema at least; the write routes have params and a body.
    const routes = ctx.app.routeTable().filter((r) => r.url.startsWith('/api/'));
    expect(ctx.app.compileSchemas()).toBeGreaterThan(routes.length);
    expect(ctx.app.compileSchemas()).toBe(0);
  });

  it('still refuses what the schema refuses, with its reasons, once compiled on first use', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: 'director', password: 42 },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      error: 'bad_request',
      message: 'password must be a string',
      field: 'password',
    });
  });

  it('throws from compileAll for a schema that does not compile, as the start used to', async () => {
    const compiler = createLazyCompiler();
    const app = Fastify({
      schemaController: { compilersFactory: { buildSerializer: compiler.buildSerializer } },
    });
    registerValidation(app, compiler);
    app.get('/broken', { schema: { querystring: { type: 'no such type' } } }, async () => 'x');
    await app.ready();
    expect(() => compiler.compileAll()).toThrow();
    await app.close();
  });
});
