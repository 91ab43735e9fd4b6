import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';

const ABSOLUTE_FORM = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)(.*)$/is;

/**
 * Before routing, two spellings are taken as the plain path they stand for: a target in
 * absolute form naming this server's own host (`GET http://host/api/units` with
 * `Host: host`, the same request as its origin form by RFC 9112 §3.2.2) and a path that
 * begins with several slashes (`//api/units`). Any other target is left as it came, and
 * `refuseOddTargets` below turns away what is still not a plain path.
 */
export function rewriteUrl(request: IncomingMessage): string {
  let url = request.url ?? '/';
  const match = ABSOLUTE_FORM.exec(url);
  if (match) {
    const [, authority = '', rest = ''] = match;
    const host = request.headers.host;
    if (host === undefined || authority.toLowerCase() !== host.toLowerCase()) return url;
    url = rest.startsWith('/') ? rest : `/${rest}`;
  }
  return url.replace(/^\/{2,}/, '/');
}

// A percent-encoded letter, digit, "-", ".", "_" or "~": characters no client needs to
// encode (RFC 3986 §2.3), so an encoded one is only ever a disguise.
const ENCODED_UNRESERVED = /%(?:3[0-9]|4[1-9a-f]|5[0-9a]|6[1-9a-f]|7[0-9a]|2[de]|5f|7e)/i;
const DOT_SEGMENT = /(?:^|\/)\.{1,2}(?:\/|$)/;

/** Why a target is not a plain path such as `/api/summary?year=2023`, or null when it is. */
export function oddTargetReason(url: string): string | null {
  const path = url.split('?', 1)[0] ?? '';
  if (!path.startsWith('/')) return 'it is not a path on this server';
  if (path.includes('//')) return 'it has an empty path segment (//)';
  if (ENCODED_UNRESERVED.test(path)) return 'it percent-encodes characters that need no encoding';
  if (DOT_SEGMENT.test(path)) return 'it has a . or .. segment';
  return null;
}

/**
 * Refuses (400) a request target that is not a plain path: absolute form naming another
 * host, `//`, percent-encoded spellings such as `/%61pi/…`, dot segments. Browsers never
 * send them; the router would still match some of them. Registered after the session check,
 * which has already judged the matched route, so without a session the answer stays 401.
 */
export function refuseOddTargets(app: FastifyInstance) {
  app.addHook('onRequest', async (request, reply) => {
    const reason = oddTargetReason(request.url);
    if (reason === null) return;
    return reply.status(400).send({
      error: 'bad_request_target',
      message: `The request target is not a plain path: ${reason}`,
    });
  });
}
