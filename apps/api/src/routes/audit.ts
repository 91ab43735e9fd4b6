import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { routes } from '@targetline/contract';
import { type AuditEntity, canManageUsers, canViewChangeLog } from '@targetline/core';
import { assertAllowed, userOf } from '../plugins/auth';

/** Every kind of change but accounts: what a reader who is not an admin may see. */
const NOT_ACCOUNTS: AuditEntity[] = [
  'plan',
  'actual',
  'unit',
  'lock',
  'review',
  'report',
  'direction',
];

/**
 * The change history, newest first, a page at a time. Rows are never changed through the app.
 *
 * Two readings of one route: the history of one unit's figures (`unitId` given), which anyone
 * who reads the figures may see where they work with them; and the organisation-wide change log
 * (no `unitId`), which is the director's, the planning office's and admins' (`viewChangeLog`).
 * Changes to accounts are for admins only, either way.
 */
export const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/audit',
    {
      schema: {
        tags: ['audit'],
        summary:
          'Change history, newest first, with who and which unit by name; without unitId the organisation-wide change log (directors, planners, admins); pass nextCursor as cursor for the next page',
        ...routes['GET /audit'],
      },
    },
    async (request) => {
      const { unitId, year, quarter, actor, entity, limit = 50, cursor } = request.query;
      const user = userOf(request);
      if (unitId === undefined) {
        assertAllowed(
          canViewChangeLog(user),
          'Only directors, the planning office and admins read the whole change log; ask for one unit (unitId)',
        );
      }
      const isAdmin = canManageUsers(user);
      const entities = isAdmin ? undefined : NOT_ACCOUNTS;
      const [entries, actors] = await Promise.all([
        app.repository.listAudit({
          ...(entities && { entities }),
          unitId,
          year,
          quarter,
          actor,
          entity,
          limit: limit + 1,
          beforeId: cursor,
        }),
        app.repository.listAuditActors(entities ? { entities } : {}),
      ]);
      const page = entries.slice(0, limit);
      const last = page.at(-1);
      return {
        entries: page,
        actors,
        nextCursor: entries.length > limit && last ? last.id : null,
      };
    },
  );
};
