import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { routes, type Summary } from '@targetline/contract';
import { buildYearSummary } from '@targetline/core';
import { DbError } from '@targetline/db';
import { FreshBuilds } from './fresh-builds';
import { loadSummary } from './load-summary';
import { type BuildSummary, SUMMARY_GZIP } from './summary-builder';

/** True when the client takes gzip (every browser does); `gzip;q=0` refuses it. */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  return header.split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    if (coding !== 'gzip' && coding !== '*') return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

const gzipAsync = promisify(gzip);

const summaryTag = (year: number, asOf: number | undefined, version: string) =>
  `"summary-${year}-${asOf ?? 'latest'}-${version}"`;

/** Everything a logged-in user may read: the unit tree, the years and the figures. */
export const readRoutes: FastifyPluginAsyncTypebox<{ buildSummary?: BuildSummary }> = async (
  app,
  { buildSummary },
) => {
  // One build at a time per year and as-of: readers arriving while a summary is being built
  // (right after a write, a whole meeting room refreshing, a quarter close's every save) share
  // it, or the next one, instead of each making their own.
  const summaries = new FreshBuilds<{ raw: Buffer; gzip: Buffer }>(32, () =>
    app.repository.dataVersion(),
  );
  app.get(
    '/health',
    {
      config: { isPublic: true },
      schema: {
        tags: ['system'],
        summary: 'Liveness check',
        ...routes['GET /health'],
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/units',
    {
      schema: {
        tags: ['units'],
        summary: 'Every unit of the organisation; parentId is null for the root',
        ...routes['GET /units'],
      },
    },
    async () => app.repository.listUnits(),
  );

  app.get(
    '/years',
    {
      schema: {
        tags: ['figures'],
        summary: 'Years that have any plan or actual, ascending',
        ...routes['GET /years'],
      },
    },
    async () => app.repository.listYears(),
  );

  app.get(
    '/summary',
    {
      schema: {
        tags: ['figures'],
        summary:
          'Plan, targets, actuals and achievement of every unit for one year, parents rolled up',
        ...routes['GET /summary'],
      },
    },
    async (request, reply) => {
      const { year, asOf } = request.query;
      // The summary of 1,000 units is large and the same for everyone until the next write:
      // serialised once per data version, served as is, and 304 to a browser that has it.
      const version = await app.repository.dataVersion();
      const etag = summaryTag(year, asOf, version);
      reply.header('etag', etag).header('cache-control', 'private, no-cache');
      if (request.headers['if-none-match'] === etag) return reply.status(304).send(null);
      const built = await summaries.get(`${year}|${asOf ?? ''}`, version, async () => {
        // In the builder thread when there is one (the server's), else here.
        if (buildSummary) return buildSummary(year, asOf);
        // Serialised by hand below, so the answer's type is checked against the schema here.
        const analysis: Summary = await loadSummary(app.repository, year, asOf);
        // Kept as bytes, and gzipped once, off the event loop: re-encoding or compressing 1 MB
        // of text on every hit would cost more than the hit. JSON of figures shrinks tenfold.
        const raw = Buffer.from(reply.serialize(analysis) as string, 'utf8');
        return { raw, gzip: await gzipAsync(raw, SUMMARY_GZIP) };
      });
      // Built at this version or a later one: the tag names what is sent.
      if (built.version !== version) reply.header('etag', summaryTag(year, asOf, built.version));
      const body = built.value;
      reply.type('application/json; charset=utf-8').header('vary', 'accept-encoding');
      // Already serialised by this route's own serializer above; bytes are sent as they are.
      if (acceptsGzip(request.headers['accept-encoding'])) {
        return reply.header('content-encoding', 'gzip').send(body.gzip as never);
      }
      return reply.send(body.raw as never);
    },
  );

  app.get(
    '/entries',
    {
      schema: {
        tags: ['figures'],
        summary:
          "Each unit's own entered plan and actuals for one year (not rolled up), with versions",
        ...routes['GET /entries'],
      },
    },
    async (request) => app.repository.getYearEntries(request.query.year),
  );

  app.get(
    '/units/:id/history',
    {
      schema: {
        tags: ['units', 'figures'],
        summary: "A unit's plan, actuals and achievement in every year with figures, oldest first",
        ...routes['GET /units/:id/history'],
      },
    },
    async (request) => {
      const units = await app.repository.listUnits();
      if (!units.some((u) => u.id === request.params.id)) {
        throw new DbError('NOT_FOUND', `Unit ${request.params.id} does not exist`, { field: 'id' });
      }
      const years = await app.repository.listYears();
      return Promise.all(
        years.map(async (year) => {
          const entries = await app.repository.getYearEntries(year);
          const current = buildYearSummary({
            year,
            units,
            plans: entries.plans,
            actuals: entries.actuals,
          });
          const original = buildYearSummary({
            year,
            units,
            plans: entries.plans.map((p) => ({ ...p, annualPlan: p.originalAnnualPlan })),
            actuals: [],
          });
          const unit = current.units.find((u) => u.unitId === request.params.id);
          return {
            year,
            annualPlan: unit?.annualPlan ?? null,
            originalPlan:
              original.units.find((u) => u.unitId === request.params.id)?.annualPlan ?? null,
            ytdActual: unit?.ytdActual ?? null,
            achieved: unit?.achieved ?? null,
            quarters: unit?.quarters ?? [],
          };
        }),
      );
    },
  );
};
