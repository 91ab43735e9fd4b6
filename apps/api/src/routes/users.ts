import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { canManageUsers } from '@targetline/core';
import { Type } from 'typebox';
import { hashPassword } from '../auth/password';
import { requireAllowed } from '../plugins/auth';
import { writeErrorResponses } from '../schemas/common';
import { AdminUserSchema, CreateUserBody, IdParams, UpdateUserBody } from '../schemas/session';

export type UserRouteOptions = { scryptLog2N: number };

/** User administration, for admins only. Passwords are hashed here and never returned. */
export const userRoutes: FastifyPluginAsyncTypebox<UserRouteOptions> = async (
  app,
  { scryptLog2N },
) => {
  app.addHook('preHandler', async (request, reply) => {
    const user = request.user;
    if (user && !requireAllowed(reply, canManageUsers(user), 'Only admins manage users'))
      return reply;
  });

  app.get(
    '/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Every user (admins)',
        response: { 200: Type.Array(AdminUserSchema), ...writeErrorResponses },
      },
    },
    async () => app.repository.listUsers(),
  );

  app.post(
    '/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Create a user (admins); unitIds are the units a unit lead leads',
        body: CreateUserBody,
        response: { 201: AdminUserSchema, ...writeErrorResponses },
      },
    },
    async (request, reply) => {
      const { password, ...rest } = request.body;
      const created = await app.repository.createUser({
        ...rest,
        passwordHash: await hashPassword(password, scryptLog2N),
        actor: request.user?.username ?? null,
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
        params: IdParams,
        body: UpdateUserBody,
        response: { 200: AdminUserSchema, ...writeErrorResponses },
      },
    },
    async (request) => {
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
        actor: request.user?.username ?? null,
      });
    },
  );
};
