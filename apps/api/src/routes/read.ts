import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { buildYearSummary } from '@targetline/core';
import { Type } from 'typebox';
import { errorResponses } from '../schemas/common';
import { EntriesQuery, EntriesSchema } from '../schemas/entries';
import { SummaryQuery, SummarySchema } from '../schemas/summary';
import { UnitListSchema, YearListSchema } from '../schemas/units';

/** Everything a logged-in user may read: the unit tree, the years and the figures. */
export const readRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/health',
    {
      config: { isPublic: true },
      schema: {
        tags: ['system'],
        summary: 'Liveness check',
        response: { 200: Type.Object({ status: Type.Literal('ok') }) },
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
        response: { 200: UnitListSchema, 500: errorResponses[500] },
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
        response: { 200: YearListSchema, 500: errorResponses[500] },
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
        querystring: SummaryQuery,
        response: { 200: SummarySchema, ...errorResponses },
      },
    },
    async (request) => {
      const { year } = request.query;
      const [units, entries] = await Promise.all([
        app.repository.listUnits(),
        app.repository.getYearEntries(year),
      ]);
      return buildYearSummary({ year, units, plans: entries.plans, actuals: entries.actuals });
    },
  );

  app.get(
    '/entries',
    {
      schema: {
        tags: ['figures'],
        summary:
          "Each unit's own entered plan and actuals for one year (not rolled up), with versions",
        querystring: EntriesQuery,
        response: { 200: EntriesSchema, ...errorResponses },
      },
    },
    async (request) => app.repository.getYearEntries(request.query.year),
  );
};
