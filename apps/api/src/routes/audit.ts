import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { canManageUsers } from '@targetline/core';
import { Type } from 'typebox';
import { userOf } from '../plugins/auth';
import { errorResponses, Id, Quarter, UnitId, Year } from '../schemas/common';

const AuditQuery = Type.Object(
  {
    unitId: Type.Optional(UnitId),
    year: Type.Optional(Year),
    quarter: Type.Optional(Quarter),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
    /** The `nextCursor` of the previous page. */
    cursor: Type.Optional(Id),
  },
  { additionalProperties: false },
);

const AuditEntrySchema = Type.Object({
  id: Type.Integer(),
  at: Type.String({ format: 'date-time' }),
  actor: Type.Union([Type.String(), Type.Null()]),
  entity: Type.String(),
  entityKey: Type.String(),
  unitId: Type.Union([Type.Integer(), Type.Null()]),
  year: Type.Union([Type.Integer(), Type.Null()]),
  quarter: Type.Union([Type.Integer(), Type.Null()]),
  oldValue: Type.Unknown(),
  newValue: Type.Unknown(),
  comment: Type.Union([Type.String(), Type.Null()]),
});

/** The change history, newest first, a page at a time. Rows are never changed through the app. */
export const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'Change history, newest first; pass nextCursor as cursor for the next page',
        querystring: AuditQuery,
        response: {
          200: Type.Object({
            entries: Type.Array(AuditEntrySchema),
            nextCursor: Type.Union([Type.Integer(), Type.Null()]),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const { unitId, year, quarter, limit = 50, cursor } = request.query;
      // Changes to accounts are for admins' eyes only.
      const isAdmin = canManageUsers(userOf(request));
      const entries = await app.repository.listAudit({
        ...(!isAdmin && { entities: ['plan', 'actual', 'unit', 'lock'] }),
        unitId,
        year,
        quarter,
        limit: limit + 1,
        beforeId: cursor,
      });
      const page = entries.slice(0, limit);
      const last = page.at(-1);
      return { entries: page, nextCursor: entries.length > limit && last ? last.id : null };
    },
  );
};
