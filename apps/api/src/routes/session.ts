import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { routes } from '@targetline/contract';
import type { User } from '@targetline/core';
import { unmatchableHash, verifyPassword } from '../auth/password';

const toPublic = ({ id, username, displayName, role, unitIds }: User) => ({
  id,
  username,
  displayName,
  role,
  unitIds,
});

const BAD_CREDENTIALS = 'The username or password is not right';

export type SessionRouteOptions = { scryptLog2N: number };

/** Log-in, the current session, and log-out. */
export const sessionRoutes: FastifyPluginAsyncTypebox<SessionRouteOptions> = async (
  app,
  { scryptLog2N },
) => {
  // Checked against when the username is unknown, so that both failures take as long.
  const dummyHash = unmatchableHash(scryptLog2N);

  // Guessing is slowed per address and per username; the username limit also protects an
  // account attacked from many addresses.
  const perAddress = app.rateLimit({ max: 20, timeWindow: '1 minute' });
  // A second hook-style limiter would be skipped (one runs per request), so this one is
  // checked by hand once the body has been parsed.
  const checkUsername = app.createRateLimit({
    max: 5,
    timeWindow: '1 minute',
    keyGenerator: (request) => {
      const body = request.body as { username?: unknown } | undefined;
      const name = typeof body?.username === 'string' ? body.username : '';
      return `login:${name.normalize('NFC').trim().toLowerCase()}`;
    },
  });

  app.post(
    '/session',
    {
      config: { isPublic: true },
      onRequest: perAddress,
      preHandler: async (request, reply) => {
        const limit = await checkUsername(request);
        if (!limit.isAllowed && limit.isExceeded) {
          reply.header('retry-after', Math.ceil(limit.ttlInSeconds));
          return reply.status(429).send({
            error: 'too_many_requests',
            message: `Too many log-in attempts for this username; try again in ${Math.ceil(limit.ttlInSeconds)} s`,
          });
        }
      },
      schema: {
        tags: ['session'],
        summary: 'Log in; sets the session cookie and returns the user and the CSRF token',
        ...routes['POST /session'],
      },
    },
    async (request, reply) => {
      const { username, password } = request.body;
      const found = await app.repository.findUserForLogin(username);
      const isMatch = await verifyPassword(password, found?.passwordHash ?? dummyHash);
      if (!found || !isMatch || found.isDisabled) {
        return reply.status(401).send({ error: 'unauthorized', message: BAD_CREDENTIALS });
      }
      const { passwordHash: _hash, ...user } = found;
      const csrfToken = await app.startSession(reply, user, request);
      return { user: toPublic(user), csrfToken };
    },
  );

  app.get(
    '/session',
    {
      schema: {
        tags: ['session'],
        summary: 'The logged-in user and the CSRF token every write must send as x-csrf-token',
        ...routes['GET /session'],
      },
    },
    async (request) => {
      const session = request.session;
      if (!session) throw new Error('unreachable: the auth hook requires a session');
      return { user: toPublic(session.user), csrfToken: session.csrfToken };
    },
  );

  app.delete(
    '/session',
    {
      schema: {
        tags: ['session'],
        summary: 'Log out: ends the session everywhere it is used',
        ...routes['DELETE /session'],
      },
    },
    async (request, reply) => {
      await app.endSession(request, reply);
      return reply.status(204).send(null);
    },
  );
};
