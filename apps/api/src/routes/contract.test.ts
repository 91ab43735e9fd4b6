import { routes } from '@targetline/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../test/helpers';

let ctx: Awaited<ReturnType<typeof buildTestApp>>;
beforeAll(async () => {
  ctx = await buildTestApp({ isSeeded: false });
});
afterAll(async () => {
  await ctx?.app.close();
});

const PARTS = ['params', 'querystring', 'body', 'response'] as const;

/** The API's own routes, keyed as the contract keys them: "GET /summary". */
const served = () =>
  ctx.app
    .routeTable()
    .filter(
      (r) => r.method !== 'HEAD' && r.url.startsWith('/api/') && !r.url.startsWith('/api/docs'),
    )
    .map((r) => ({ key: `${r.method} ${r.url.slice('/api'.length)}`, schema: r.schema ?? {} }));

describe('the contract', () => {
  it('has an entry for every route the API serves, and none for a route that is gone', () => {
    expect(
      served()
        .map((r) => r.key)
        .sort(),
    ).toEqual(Object.keys(routes).sort());
  });

  it("is what each route validates and answers with: its entry's own schemas, nothing else", () => {
    for (const { key, schema } of served()) {
      const entry: Partial<Record<(typeof PARTS)[number], unknown>> =
        routes[key as keyof typeof routes];
      for (const part of PARTS) {
        expect((schema as Record<string, unknown>)[part], `${key} ${part}`).toBe(entry[part]);
      }
    }
  });
});
