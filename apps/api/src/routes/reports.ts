import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { routes } from '@targetline/contract';
import { type Action, isAllowed, wordsFor } from '@targetline/core';
import type { MoveReportInput } from '@targetline/db';
import type { FastifyRequest } from 'fastify';
import { reportMovedNotifications } from '../notify/recipients';
import { assertAllowed, userOf } from '../plugins/auth';
import { loadThresholds } from './settings';
import { requireUnit } from './write';

const words = wordsFor('en').review;

/** Who may do each move, in core's vocabulary, and what a refused user is told. */
const RIGHTS: Record<
  MoveReportInput['action'],
  { action: (unitId: number) => Action; refusal: string }
> = {
  submit: { action: (unitId) => ({ kind: 'writeReport', unitId }), refusal: words.mayNotWrite },
  approve: { action: () => ({ kind: 'reviewReport' }), refusal: words.mayNotReview },
  return: { action: () => ({ kind: 'reviewReport' }), refusal: words.mayNotReview },
  reopen: { action: () => ({ kind: 'reopenReport' }), refusal: words.mayNotDirect },
};

/**
 * The units' quarterly reports: read by anyone, saved and submitted by the unit's lead (its
 * unit and sub-units, as its actuals) or an admin, approved or returned by the planning office,
 * directors and admins, reopened by directors and admins. Each write is authorised for its
 * unit before anything is read for it, and checked (version, lock, state) and audited in the
 * database's transaction.
 */
export const reportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/reports/:unitId/:year/:quarter',
    {
      schema: {
        tags: ['review'],
        summary:
          "A unit's quarterly report with its actual; not_started with empty fields and version 0 before anything is saved",
        ...routes['GET /reports/:unitId/:year/:quarter'],
      },
    },
    async (request) => {
      const { unitId, year, quarter } = request.params;
      requireUnit(await app.units(), unitId);
      return app.repository.getReport({ unitId, year, quarter });
    },
  );

  app.put(
    '/reports/:unitId/:year/:quarter',
    {
      schema: {
        tags: ['review'],
        summary:
          "Save a unit's draft report and its quarter's actual in one transaction (its unit leads, admins)",
        description:
          'The amount is the unit\'s actual for the quarter, written as PUT /actuals writes it (basis: estimate or final, the default). Send the report\'s `version` and the actual\'s `actualVersion` as read (0 for none). A stale one gets 409 with the current report; a submitted or approved report 409 `{"error":"state"}`; a locked quarter 423.',
        ...routes['PUT /reports/:unitId/:year/:quarter'],
      },
    },
    async (request) => {
      const user = userOf(request);
      const { unitId, year, quarter } = request.params;
      const units = await app.units();
      assertAllowed(isAllowed(user, { kind: 'writeReport', unitId }, units), words.mayNotWrite);
      requireUnit(units, unitId);
      const { version, actualVersion, basis, ...texts } = request.body;
      return app.repository.saveReport({
        unitId,
        year,
        quarter,
        ...texts,
        ...(basis !== undefined && { basis }),
        expectedVersion: version,
        expectedActualVersion: actualVersion,
        actor: user.username,
      });
    },
  );

  const move = async (
    request: FastifyRequest<{
      Params: { unitId: number; year: number; quarter: 1 | 2 | 3 | 4 };
      Body: { version: number; reason?: string };
    }>,
    action: MoveReportInput['action'],
  ) => {
    const user = userOf(request);
    const { unitId, year, quarter } = request.params;
    const units = await app.units();
    const rights = RIGHTS[action];
    assertAllowed(isAllowed(user, rights.action(unitId), units), rights.refusal);
    requireUnit(units, unitId);
    const { atRisk } = await loadThresholds(app.repository);
    const reason = request.body.reason ?? null;
    return app.repository.moveReport({
      unitId,
      year,
      quarter,
      action,
      expectedVersion: request.body.version,
      reason,
      atRisk,
      actor: user.username,
      // Written in the move's transaction: a refused move tells nobody.
      notify: await reportMovedNotifications({
        repository: app.repository,
        units,
        action,
        unitId,
        year,
        quarter,
        reason,
        actorId: user.id,
      }),
    });
  };

  app.post(
    '/reports/:unitId/:year/:quarter/submit',
    {
      schema: {
        tags: ['review'],
        summary: 'Submit a draft or returned report for review (its unit leads, admins)',
        description:
          "Frozen for its lead afterwards. Below the at-risk threshold of the pace settings (actual ÷ the unit's own quarter target), empty causes are refused with 400 on `causes`.",
        ...routes['POST /reports/:unitId/:year/:quarter/submit'],
      },
    },
    (request) => move(request, 'submit'),
  );
  app.post(
    '/reports/:unitId/:year/:quarter/approve',
    {
      schema: {
        tags: ['review'],
        summary: 'Approve a submitted report (planning office, directors, admins)',
        ...routes['POST /reports/:unitId/:year/:quarter/approve'],
      },
    },
    (request) => move(request, 'approve'),
  );
  app.post(
    '/reports/:unitId/:year/:quarter/return',
    {
      schema: {
        tags: ['review'],
        summary:
          'Return a submitted report to its unit with a reason (planning office, directors, admins)',
        ...routes['POST /reports/:unitId/:year/:quarter/return'],
      },
    },
    (request) => move(request, 'return'),
  );
  app.post(
    '/reports/:unitId/:year/:quarter/reopen',
    {
      schema: {
        tags: ['review'],
        summary:
          'Reopen an approved report with a reason (directors, admins): it goes back to returned, editable by its lead',
        ...routes['POST /reports/:unitId/:year/:quarter/reopen'],
      },
    },
    (request) => move(request, 'reopen'),
  );
};
