import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { routes } from '@targetline/contract';
import { isAllowed } from '@targetline/core';
import { DbError } from '@targetline/db';
import type { FastifyRequest } from 'fastify';
import { assertAllowed, userOf } from '../plugins/auth';

/** The latest this many are listed: a bell, not an archive. */
const LIST_LIMIT = 100;

/**
 * The caller's own notifications (thông báo). Every user has their own and sees only those: a
 * notification of someone else's is answered as one that does not exist (404, not 403), so
 * its existence is not revealed.
 */
export const notificationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const ownerOf = async (request: FastifyRequest) => {
    const user = userOf(request);
    assertAllowed(
      isAllowed(user, { kind: 'ownNotifications' }, await app.units()),
      'Your account may not read notifications',
    );
    return user;
  };

  app.get(
    '/notifications',
    {
      schema: {
        tags: ['review'],
        summary: "The caller's own notifications, newest first (the latest 100)",
        description:
          "What happened and what it concerns (kind, year, quarter, unit, reason, deadline), never a sentence: the reader's language writes it. `reason` is free text as typed. `daysLeft` is set on reminders (deadline_near; 0 on the deadline day).",
        ...routes['GET /notifications'],
      },
    },
    async (request) => app.repository.listNotifications((await ownerOf(request)).id, LIST_LIMIT),
  );

  app.post(
    '/notifications/:id/read',
    {
      schema: {
        tags: ['review'],
        summary: 'Mark one of your own notifications read (404 for any other)',
        ...routes['POST /notifications/:id/read'],
      },
    },
    async (request) => {
      const read = await app.repository.markNotificationRead({
        userId: (await ownerOf(request)).id,
        id: request.params.id,
      });
      if (read === null) {
        throw new DbError('NOT_FOUND', `You have no notification ${request.params.id}`, {
          field: 'id',
        });
      }
      return read;
    },
  );
};
