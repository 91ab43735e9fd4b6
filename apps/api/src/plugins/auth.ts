import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import cookie from '@fastify/cookie';
import type { User } from '@targetline/core';
import { isStorageUnavailable, type SessionRecord } from '@targetline/db';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import type { AuthSettings } from '../config';

export const SESSION_COOKIE = 'targetline_session';
const TOUCH_EVERY_MS = 60_000;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

declare module 'fastify' {
  interface FastifyRequest {
    /** The logged-in user, or null. Set before the handler of every private route runs. */
    user: User | null;
    session: SessionRecord | null;
  }
  interface FastifyContextConfig {
    /** Reachable without a session (health, log-in, the web app, the API documentation). */
    isPublic?: boolean;
  }
  interface FastifyInstance {
    startSession(reply: FastifyReply, user: User, request: FastifyRequest): Promise<string>;
    endSession(request: FastifyRequest, reply: FastifyReply): Promise<void>;
  }
}

/** Only a hash of the cookie's token is stored, so a copy of the database opens no session. */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

const sameToken = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

type Options = { settings: AuthSettings; now: () => Date };

/**
 * Sessions in the database behind an HttpOnly, SameSite=Lax cookie (Secure over HTTPS), with
 * idle and absolute time-outs; every route but the public ones needs one (401), and every
 * write to them needs the session's CSRF token in `x-csrf-token` (403).
 */
export const authPlugin = fp(async (app: FastifyInstance, { settings, now }: Options) => {
  await app.register(cookie);
  app.decorateRequest('user', null);
  app.decorateRequest('session', null);

  const idleMs = settings.idleMinutes * 60_000;
  const absoluteMs = settings.absoluteHours * 3_600_000;

  const cookieOptions = (request: FastifyRequest) => ({
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: request.protocol === 'https',
    path: '/',
  });

  app.decorate('startSession', async (reply: FastifyReply, user: User, request: FastifyRequest) => {
    // A new token at every log-in: a token planted before log-in (session fixation) is useless.
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(32).toString('base64url');
    const at = now();
    const expiresAt = new Date(at.getTime() + absoluteMs);
    // Log-ins are rare enough to sweep ended sessions here rather than on a timer.
    await app.repository.deleteExpiredSessions(
      at.toISOString(),
      new Date(at.getTime() - idleMs).toISOString(),
    );
    await app.repository.createSession({
      tokenHash: hashToken(token),
      userId: user.id,
      csrfToken,
      createdAt: at.toISOString(),
      lastSeenAt: at.toISOString(),
      expiresAt: expiresAt.toISOString(),
    });
    reply.setCookie(SESSION_COOKIE, token, { ...cookieOptions(request), expires: expiresAt });
    return csrfToken;
  });

  app.decorate('endSession', async (request: FastifyRequest, reply: FastifyReply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) await app.repository.deleteSession(hashToken(token));
    reply.clearCookie(SESSION_COOKIE, cookieOptions(request));
  });

  const deny = (reply: FastifyReply, status: 401 | 403, error: string, message: string) =>
    reply.status(status).send({ error, message });

  /** The session of the request's cookie, if it is still valid; an ended one is removed. */
  const loadSession = async (request: FastifyRequest) => {
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    const tokenHash = hashToken(token);
    const session = await app.repository.findSession(tokenHash);
    if (!session) return;
    const at = now().getTime();
    const isExpired =
      Date.parse(session.expiresAt) <= at || Date.parse(session.lastSeenAt) + idleMs <= at;
    if (isExpired || session.user.isDisabled) {
      await app.repository.deleteSession(tokenHash);
      return;
    }
    request.session = session;
    request.user = session.user;
    if (at - Date.parse(session.lastSeenAt) > TOUCH_EVERY_MS) {
      // Only bookkeeping of the idle time-out: a database that cannot be written now
      // (locked, full) must not turn a read into a 503.
      await app.repository
        .touchSession(tokenHash, new Date(at).toISOString())
        .catch((err: unknown) => {
          if (!isStorageUnavailable(err)) throw err;
          request.log.warn({ err }, 'session last-seen time not updated');
        });
    }
  };

  // Decided by the route the router matched, never by the text of the URL: a target in
  // absolute form (http://host/api/…) or percent-encoded (/%61pi/…) reaches the same route
  // and so the same check. Every route is private unless its config says `isPublic`.
  app.addHook('onRequest', async (request, reply) => {
    // No route matched: the not-found handler answers, and it reads no data.
    if (request.is404) return;
    if (request.routeOptions.config.isPublic === true) return;
    await loadSession(request);
    if (!request.session) {
      return deny(reply, 401, 'unauthorized', NOT_LOGGED_IN);
    }
    if (!SAFE_METHODS.has(request.method)) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !sameToken(sent, request.session.csrfToken)) {
        return deny(
          reply,
          403,
          'csrf',
          'The x-csrf-token header is missing or does not belong to this session; reload the page',
        );
      }
    }
  });
});

const NOT_LOGGED_IN = 'Please log in: your session is missing or has expired';

/**
 * The logged-in user of a private route. The hook above lets no request without a session
 * reach a private handler; should one ever get here, it is refused (401) instead of running
 * as nobody or never answering.
 */
export function userOf(request: FastifyRequest): User {
  if (request.user === null) {
    throw Object.assign(new Error(NOT_LOGGED_IN), { statusCode: 401 });
  }
  return request.user;
}

/** Marks every route registered in the scope public (the built web app, the API documentation). */
export function publicRoutes(scope: {
  addHook(name: 'onRoute', hook: (route: RouteOptions) => void): unknown;
}) {
  scope.addHook('onRoute', (route: RouteOptions) => {
    route.config = { ...route.config, isPublic: true };
  });
}

/** Refuses the request (403, with `message`) unless `isAllowed`. */
export function assertAllowed(isAllowed: boolean, message: string): void {
  if (!isAllowed) throw Object.assign(new Error(message), { statusCode: 403 });
}
