import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { canManageUsers } from '@targetline/core';
import { requireAllowed } from '../plugins/auth';
import { writeErrorResponses } from '../schemas/common';
import { IdParams } from '../schemas/session';
import { CreateUnitBody, UnitRecordSchema, UpdateUnitBody } from '../schemas/units';

/** Adding, renaming and moving units: admins only, audited, versioned. */
export const unitRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('preHandler', async (request, reply) => {
    const user = request.user;
    if (user && !requireAllowed(reply, canManageUsers(user), 'Only admins manage units'))
      return reply;
  });

  app.post(
    '/units',
    {
      schema: {
        tags: ['units'],
        summary: 'Add a unit under a parent (admins)',
        body: CreateUnitBody,
        response: { 201: UnitRecordSchema, ...writeErrorResponses },
      },
    },
    async (request, reply) => {
      const created = await app.repository.createUnit({
        ...request.body,
        actor: request.user?.username ?? null,
      });
      return reply.status(201).send(created);
    },
  );

  app.patch(
    '/units/:id',
    {
      schema: {
        tags: ['units'],
        summary: 'Rename a unit, change its kind or move it under another parent (admins)',
        params: IdParams,
        body: UpdateUnitBody,
        response: { 200: UnitRecordSchema, ...writeErrorResponses },
      },
    },
    async (request) => {
      const { version, comment, ...patch } = request.body;
      return app.repository.updateUnit({
        id: request.params.id,
        expectedVersion: version,
        patch,
        comment,
        actor: request.user?.username ?? null,
      });
    },
  );
};
