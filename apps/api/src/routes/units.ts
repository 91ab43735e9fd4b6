import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { routes } from '@targetline/contract';
import { canManageUsers } from '@targetline/core';
import type { FastifyRequest } from 'fastify';
import { assertAllowed, userOf } from '../plugins/auth';

/** Adding, renaming and moving units: admins only, audited, versioned. */
export const unitRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Each handler checks the caller itself: no hook order or scope can leave a route open.
  const adminOf = (request: FastifyRequest) => {
    const user = userOf(request);
    assertAllowed(canManageUsers(user), 'Only admins manage units');
    return user;
  };

  app.post(
    '/units',
    {
      schema: {
        tags: ['units'],
        summary: 'Add a unit under a parent (admins)',
        ...routes['POST /units'],
      },
    },
    async (request, reply) => {
      const admin = adminOf(request);
      const created = await app.repository.createUnit({
        ...request.body,
        actor: admin.username,
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
        ...routes['PATCH /units/:id'],
      },
    },
    async (request) => {
      const admin = adminOf(request);
      const { version, comment, ...patch } = request.body;
      return app.repository.updateUnit({
        id: request.params.id,
        expectedVersion: version,
        patch,
        comment,
        actor: admin.username,
      });
    },
  );
};
