import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { routes } from '@targetline/contract';
import { canLockQuarter } from '@targetline/core';
import { assertAllowed, userOf } from '../plugins/auth';

/** Locking a quarter after the review meeting, and unlocking it with a reason. */
export const lockRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/locks',
    {
      schema: {
        tags: ['locks'],
        summary: 'Locked quarters, optionally of one year',
        ...routes['GET /locks'],
      },
    },
    async (request) => app.repository.listLocks(request.query.year),
  );

  app.post(
    '/locks',
    {
      schema: {
        tags: ['locks'],
        summary: 'Lock a quarter: its actuals and targets can no longer change (directors, admins)',
        ...routes['POST /locks'],
      },
    },
    async (request, reply) => {
      const user = userOf(request);
      assertAllowed(canLockQuarter(user), 'Only directors and admins lock quarters');
      const { year, quarter, comment } = request.body;
      const lock = await app.repository.lockQuarter({
        year,
        quarter,
        actor: user.username,
        comment,
      });
      return reply.status(201).send(lock);
    },
  );

  app.delete(
    '/locks/:year/:quarter',
    {
      schema: {
        tags: ['locks'],
        summary: 'Unlock a quarter, with the reason (audited) (directors, admins)',
        ...routes['DELETE /locks/:year/:quarter'],
      },
    },
    async (request, reply) => {
      const user = userOf(request);
      assertAllowed(canLockQuarter(user), 'Only directors and admins unlock quarters');
      const { year, quarter } = request.params;
      await app.repository.unlockQuarter({
        year,
        quarter,
        actor: user.username,
        comment: request.body.reason,
      });
      return reply.status(204).send(null);
    },
  );
};
