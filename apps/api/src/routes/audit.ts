import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { routes } from '@targetline/contract';
import { canManageUsers } from '@targetline/core';
import { userOf } from '../plugins/auth';

/** The change history, newest first, a page at a time. Rows are never changed through the app. */
export const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'Change history, newest first; pass nextCursor as cursor for the next page',
        ...routes['GET /audit'],
      },
    },
    async (request) => {
      const { unitId, year, quarter, limit = 50, cursor } = request.query;
      // Changes to accounts are for admins' eyes only.
      const isAdmin = canManageUsers(userOf(request));
      const entries = await app.repository.listAudit({
        ...(!isAdmin && {
          entities: ['plan', 'actual', 'unit', 'lock', 'review', 'report', 'direction'],
        }),
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
