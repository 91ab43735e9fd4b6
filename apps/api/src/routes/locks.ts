import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { canLockQuarter } from '@targetline/core';
import { Type } from 'typebox';
import { assertAllowed, userOf } from '../plugins/auth';
import { Comment, errorResponses, Quarter, Year } from '../schemas/common';

const LockSchema = Type.Object({
  year: Type.Integer(),
  quarter: Quarter,
  lockedBy: Type.String(),
  lockedAt: Type.String({ format: 'date-time' }),
  reason: Type.Union([Type.String(), Type.Null()]),
});

const LockBody = Type.Object(
  { year: Year, quarter: Quarter, comment: Type.Optional(Comment) },
  { additionalProperties: false },
);
const UnlockParams = Type.Object({ year: Year, quarter: Quarter }, { additionalProperties: false });
const UnlockBody = Type.Object(
  { reason: Type.String({ minLength: 3, maxLength: 1000 }) },
  { additionalProperties: false },
);

/** Locking a quarter after the review meeting, and unlocking it with a reason. */
export const lockRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/locks',
    {
      schema: {
        tags: ['locks'],
        summary: 'Locked quarters, optionally of one year',
        querystring: Type.Object({ year: Type.Optional(Year) }, { additionalProperties: false }),
        response: { 200: Type.Array(LockSchema), ...errorResponses },
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
        body: LockBody,
        response: { 201: LockSchema, 409: errorResponses[400], ...errorResponses },
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
        params: UnlockParams,
        body: UnlockBody,
        response: { 204: Type.Null(), ...errorResponses },
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
