import { describe, expect, expectTypeOf, it } from 'vitest';
import { type ApiAnswerOf, type ApiRoutes, type RouteSchema, routes } from './routes';

const entries = Object.entries(routes) as Array<[string, RouteSchema]>;

/** A schema as the JSON it is. */
type Json = { properties?: Record<string, unknown>; additionalProperties?: unknown };

describe('routes', () => {
  it('are keyed by method and a path under /api, as Fastify writes it', () => {
    for (const [key] of entries) {
      expect(key).toMatch(/^(GET|POST|PUT|PATCH|DELETE) \/[A-Za-z0-9/:._-]+$/);
    }
  });

  it("declare exactly the path's parameters, each refusing the others", () => {
    for (const [key, route] of entries) {
      const inPath = [...key.matchAll(/:(\w+)/g)].map((m) => m[1]);
      const params = route.params as Json | undefined;
      expect(Object.keys(params?.properties ?? {}), key).toEqual(inPath);
      if (params) expect(params.additionalProperties, key).toBe(false);
    }
  });

  it('refuse unknown fields in every query and body', () => {
    for (const [key, route] of entries) {
      for (const part of [route.querystring, route.body] as Array<Json | undefined>) {
        if (part) expect(part.additionalProperties, key).toBe(false);
      }
    }
  });

  it('answer a success and the error shape for what goes wrong', () => {
    for (const [key, route] of entries) {
      const statuses = Object.keys(route.response).map(Number);
      expect(
        statuses.some((s) => s >= 200 && s < 300),
        key,
      ).toBe(true);
    }
  });
});

describe('ApiRoutes', () => {
  it('types each route from its schemas', () => {
    expectTypeOf<ApiRoutes['GET /summary']['query']>().toEqualTypeOf<{
      year: number;
      asOf?: 1 | 2 | 3 | 4;
    }>();
    expectTypeOf<ApiRoutes['PUT /actuals/:unitId/:year/:quarter']['params']>().toEqualTypeOf<{
      unitId: number;
      year: number;
      quarter: 1 | 2 | 3 | 4;
    }>();
    expectTypeOf<ApiRoutes['GET /years']['response']>().toEqualTypeOf<number[]>();
    expectTypeOf<ApiRoutes['GET /years']['body']>().toEqualTypeOf<undefined>();
    // 201 where a route creates, nothing for a 204.
    expectTypeOf<ApiRoutes['POST /locks']['response']['lockedBy']>().toEqualTypeOf<string>();
    expectTypeOf<ApiRoutes['DELETE /session']['response']>().toEqualTypeOf<undefined>();
    expectTypeOf<ApiAnswerOf<'POST /import', 409>['moved']>().toEqualTypeOf<
      | Array<{
          row: number;
          unitCode: string;
          year: number;
          quarter: number | null;
          kind: string;
        }>
      | undefined
    >();
  });
});
