import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { routes } from '@targetline/contract';
import { canManageUsers } from '@targetline/core';
import type { FastifyRequest } from 'fastify';
import { hashPassword } from '../auth/password';
import { assertAllowed, userOf } from '../plugins/auth';

export type UserRouteOptions = { scryptLog2N: number };

/** User administration, for admins only. Passwords are hashed here and never returned. */
export const userRoutes: FastifyPluginAsyncTypebox<UserRouteOptions> = async (
  app,
  { scryptLog2N },
) => {
  // Each handler checks the caller itself: no hook order or scope can leave a route open.
  const adminOf = (request: FastifyRequest) => {
    const user = userOf(request);
    assertAllowed(canManageUsers(user), 'Only admins manage users');
    return user;
  };

  app.get(
    '/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Every user (admins)',
        ...routes['GET /users'],
      },
    },
    async (request) => {
      adminOf(request);
      return app.repository.listUsers();
    },
  );

  app.post(
    '/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Create a user (admins); unitIds are the units a unit lead leads',
        ...routes['POST /users'],
      },
    },
    async (request, reply) => {
      const admin = adminOf(request);
      const { password, ...rest } = request.body;
      const created = await app.repository.createUser({
        ...rest,
        passwordHash: await hashPassword(password, scryptLog2N),
        actor: admin.username,
      });
      return reply.status(201).send(created);
    },
  );

  app.patch(
    '/users/:id',
    {
      schema: {
        tags: ['users'],
        summary:
          'Change a user (admins): name, role, units, disabled, password. Disabling or a new password ends their sessions. A change that would leave no enabled admin is refused with 409 last_admin.',
        ...routes['PATCH /users/:id'],
      },
    },
    async (request) => {
      const admin = adminOf(request);
      const { version, password, ...patch } = request.body;
      return app.repository.updateUser({
        id: request.params.id,
        expectedVersion: version,
        patch: {
          ...patch,
          ...(password !== undefined && {
            passwordHash: await hashPassword(password, scryptLog2N),
          }),
        },
        actor: admin.username,
      });
    },
  );
};
