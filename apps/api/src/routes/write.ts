import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { routes } from '@targetline/contract';
import { canWriteActual, canWritePlan, type Unit } from '@targetline/core';
import { DbError } from '@targetline/db';
import type { FastifyRequest } from 'fastify';
import { assertAllowed, userOf } from '../plugins/auth';

class VersionError extends Error {
  constructor(
    readonly statusCode: 400 | 428,
    message: string,
    readonly field = 'version',
  ) {
    super(message);
  }
}

/**
 * The version a write started from, from the body's `version` or an `If-Match` header
 * ("3", W/"3" or 3). One of them is required, and they must agree.
 */
export function expectedVersionOf(
  request: FastifyRequest,
  bodyVersion: number | undefined,
): number {
  const header = request.headers['if-match'];
  let fromHeader: number | undefined;
  if (typeof header === 'string' && header !== '') {
    const match = /^(?:W\/)?"?(\d{1,15})"?$/.exec(header.trim());
    if (!match) throw new VersionError(400, 'If-Match must be a version such as "3"', 'If-Match');
    fromHeader = Number(match[1]);
  }
  if (fromHeader !== undefined && bodyVersion !== undefined && fromHeader !== bodyVersion) {
    throw new VersionError(400, 'version and If-Match disagree; send one of them');
  }
  const version = bodyVersion ?? fromHeader;
  if (version === undefined) {
    throw new VersionError(
      428,
      'version is required: send the version you started from (0 for a new figure) in the body or as If-Match',
    );
  }
  return version;
}

/**
 * 404 for a unit that does not exist, before the version is asked for: no version can make the
 * write succeed, so 428 would send the client after the wrong thing. The repository checks
 * again inside its transaction (units are never deleted, so the answers agree).
 */
export function requireUnit(units: readonly Unit[], unitId: number) {
  if (!units.some((unit) => unit.id === unitId)) {
    throw new DbError('NOT_FOUND', `Unit ${unitId} does not exist`, { field: 'unitId' });
  }
}

/** Writes of plans and actuals: authorised per unit, versioned, audited. */
export const writeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.put(
    '/plans/:unitId/:year',
    {
      schema: {
        tags: ['figures'],
        summary: "Set a unit's annual plan and quarterly targets for a year (directors, admins)",
        description:
          "Send the version you started from as `version` (0 for a new plan) or as If-Match. A stale version gets 409 with the current plan; changing a target of a locked quarter gets 423. `assignedPlan` is the plan the parent group assigned (kế hoạch Tập đoàn giao) where it differs from the unit's own: absent keeps the saved one, null clears it; it is saved on the plan's version and its revisions are in the plan's history. The import of entries leaves it as it is.",
        ...routes['PUT /plans/:unitId/:year'],
      },
    },
    async (request, reply) => {
      const user = userOf(request);
      assertAllowed(canWritePlan(user), 'Only directors and admins set plans');
      const { unitId, year } = request.params;
      requireUnit(await app.units(), unitId);
      const { version, comment, annualPlan, assignedPlan, quarterTargets } = request.body;
      const saved = await app.repository.savePlan({
        unitId,
        year,
        annualPlan,
        // Absent stays absent: the repository then keeps the saved one.
        ...(assignedPlan === undefined ? {} : { assignedPlan }),
        quarterTargets,
        expectedVersion: expectedVersionOf(request, version),
        actor: user.username,
        comment: comment ?? null,
      });
      reply.header('etag', `"${saved.version}"`);
      return saved;
    },
  );

  app.put(
    '/actuals/:unitId/:year/:quarter',
    {
      schema: {
        tags: ['figures'],
        summary:
          "Enter or correct a unit's actual revenue for one quarter (its unit leads, admins)",
        description:
          'Send the version you started from as `version` (0 for a new figure) or as If-Match. A stale version gets 409 with the current figure; a locked quarter gets 423. `basis` is `estimate` (ước thực hiện) or `final` (the default); a final that replaces an estimate keeps the estimate as `estimateAmount`.',
        ...routes['PUT /actuals/:unitId/:year/:quarter'],
      },
    },
    async (request, reply) => {
      const user = userOf(request);
      const { unitId, year, quarter } = request.params;
      const units = await app.units();
      assertAllowed(
        canWriteActual(user, unitId, units),
        'You may enter figures only for the units you lead',
      );
      requireUnit(units, unitId);
      const { version, comment, amount, basis } = request.body;
      const saved = await app.repository.saveActual({
        unitId,
        year,
        quarter,
        amount,
        ...(basis !== undefined && { basis }),
        expectedVersion: expectedVersionOf(request, version),
        actor: user.username,
        comment: comment ?? null,
      });
      reply.header('etag', `"${saved.version}"`);
      return saved;
    },
  );
};
