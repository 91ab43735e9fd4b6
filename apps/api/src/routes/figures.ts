import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { routes } from '@targetline/contract';
import { DbError } from '@targetline/db';

/** Entered figures with their versions, for editing: lists, and single items with an ETag. */
export const figureRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/actuals',
    {
      schema: {
        tags: ['figures'],
        summary: 'Entered actuals of a year (optionally one unit), with version and who saved them',
        ...routes['GET /actuals'],
      },
    },
    async (request) => {
      const { year, unitId } = request.query;
      const { actuals } = await app.repository.getYearEntries(year);
      return unitId === undefined ? actuals : actuals.filter((a) => a.unitId === unitId);
    },
  );

  app.get(
    '/plans',
    {
      schema: {
        tags: ['figures'],
        summary: "Every unit's own plan for a year, with version and who saved it",
        ...routes['GET /plans'],
      },
    },
    async (request) => (await app.repository.getYearEntries(request.query.year)).plans,
  );

  app.get(
    '/actuals/:unitId/:year/:quarter',
    {
      schema: {
        tags: ['figures'],
        summary: 'One entered actual; its ETag is the version to send back with a change',
        ...routes['GET /actuals/:unitId/:year/:quarter'],
      },
    },
    async (request, reply) => {
      const { unitId, year, quarter } = request.params;
      const { actuals } = await app.repository.getYearEntries(year);
      const found = actuals.find((a) => a.unitId === unitId && a.quarter === quarter);
      if (!found)
        throw new DbError('NOT_FOUND', `No actual entered for unit ${unitId}, ${quarter}/${year}`);
      reply.header('etag', `"${found.version}"`);
      return found;
    },
  );

  app.get(
    '/plans/:unitId/:year',
    {
      schema: {
        tags: ['figures'],
        summary: "One unit's plan; its ETag is the version to send back with a change",
        ...routes['GET /plans/:unitId/:year'],
      },
    },
    async (request, reply) => {
      const { unitId, year } = request.params;
      const { plans } = await app.repository.getYearEntries(year);
      const found = plans.find((p) => p.unitId === unitId);
      if (!found) throw new DbError('NOT_FOUND', `No plan set for unit ${unitId} in ${year}`);
      reply.header('etag', `"${found.version}"`);
      return found;
    },
  );
};
