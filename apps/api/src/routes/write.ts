import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses } from '../schemas/common';
import {
  ActualBody,
  ActualParams,
  ActualRecordSchema,
  PlanBody,
  PlanParams,
  PlanRecordSchema,
} from '../schemas/entries';

/** Writes of plans and actuals. Open in this release; accounts and per-unit rights come next. */
export const writeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.put(
    '/plans/:unitId/:year',
    {
      schema: {
        tags: ['figures'],
        summary: "Set a unit's annual plan and quarterly targets for a year",
        params: PlanParams,
        body: PlanBody,
        response: { 200: PlanRecordSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { unitId, year } = request.params;
      return app.repository.savePlan({ unitId, year, ...request.body, actor: null });
    },
  );

  app.put(
    '/actuals/:unitId/:year/:quarter',
    {
      schema: {
        tags: ['figures'],
        summary: "Enter or correct a unit's actual revenue for one quarter",
        params: ActualParams,
        body: ActualBody,
        response: { 200: ActualRecordSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { unitId, year, quarter } = request.params;
      return app.repository.saveActual({
        unitId,
        year,
        quarter,
        amount: request.body.amount,
        actor: null,
      });
    },
  );
};
