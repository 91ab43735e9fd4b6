import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { type Review, routes } from '@targetline/contract';
import {
  isAllowed,
  isIsoDate,
  isReportLate,
  meetingOrder,
  type Quarter,
  reportingUnitIds,
  vietnamDate,
  wordsFor,
} from '@targetline/core';
import type { Repository, UnitRecord } from '@targetline/db';
import { roundOpenedNotifications } from '../notify/recipients';
import { assertAllowed, userOf } from '../plugins/auth';
import { FreshBuilds } from './fresh-builds';

const words = wordsFor('en').review;

/**
 * A quarter's round as the status board reads it: the deadline and each reporting unit (core's
 * reportingUnitIds: each unit with its own plan for the year, but not one whose plan is
 * allocated to planned units below it), in code order, with its report's state and lateness.
 */
export async function reviewOf({
  repository,
  units,
  year,
  quarter,
  now,
}: {
  repository: Repository;
  units: readonly UnitRecord[];
  year: number;
  quarter: Quarter;
  now: Date;
}): Promise<Review> {
  const [planned, round, reports] = await Promise.all([
    repository.listPlannedUnitIds(year),
    repository.getRound(year, quarter),
    repository.listReports(year, quarter),
  ]);
  const reporting = reportingUnitIds({ units, plans: planned.map((unitId) => ({ unitId })) });
  const reportOf = new Map(reports.map((r) => [r.unitId, r]));
  const deadline = round?.deadline ?? null;
  return {
    year,
    quarter,
    deadline,
    version: round?.version ?? 0,
    updatedAt: round?.updatedAt ?? null,
    updatedBy: round?.updatedBy ?? null,
    units: meetingOrder(units, reporting).map((unit) => {
      const report = reportOf.get(unit.id);
      const state = report?.state ?? 'not_started';
      const submittedAt = report?.submittedAt ?? null;
      return {
        unitId: unit.id,
        code: unit.code,
        name: unit.name,
        state,
        basis: report?.basis ?? null,
        submittedAt,
        submittedBy: report?.submittedBy ?? null,
        decidedAt: report?.decidedAt ?? null,
        decidedBy: report?.decidedBy ?? null,
        returnReason: report?.returnReason ?? null,
        isLate: isReportLate({ state, submittedAt, deadline, now }),
      };
    }),
  };
}

/** Reporting rounds: the status board of a quarter, and opening it with a deadline. */
export const reviewRoutes: FastifyPluginAsyncTypebox<{ now: () => Date }> = async (
  app,
  { now },
) => {
  const boards = new FreshBuilds<Review>(16, () => app.repository.dataVersion());
  app.get(
    '/reviews/:year/:quarter',
    {
      schema: {
        tags: ['review'],
        summary:
          "A quarter's reporting round: its deadline (null while none is open) and each reporting unit's state",
        description:
          'Reporting units are the units with their own plan for the year, except a unit whose plan is allocated to units below it that have plans of their own (the institute above its units). `isLate`: submitted after the deadline day ended, or not submitted once it has; the day ends at midnight in Asia/Ho_Chi_Minh (UTC+7).',
        ...routes['GET /reviews/:year/:quarter'],
      },
    },
    async (request) => {
      const { year, quarter } = request.params;
      const at = now();
      const version = await app.repository.dataVersion();
      // The same for everyone until the next write or the next day in Vietnam (a report turns
      // late at a deadline day's end there): built once, shared by a meeting room's readers.
      const built = await boards.get(`${year}|${quarter}|${vietnamDate(at)}`, version, async () =>
        reviewOf({ repository: app.repository, units: await app.units(), year, quarter, now: at }),
      );
      return built.value;
    },
  );

  app.put(
    '/reviews/:year/:quarter',
    {
      schema: {
        tags: ['review'],
        summary:
          'Open the round with a deadline (version 0) or move its deadline (directors, admins)',
        description:
          'Send the version read (0 to open the round). A stale version gets 409 with the current round.',
        ...routes['PUT /reviews/:year/:quarter'],
      },
    },
    async (request, reply) => {
      const user = userOf(request);
      const units = await app.units();
      assertAllowed(isAllowed(user, { kind: 'openRound' }, units), words.mayNotDirect);
      const { year, quarter } = request.params;
      const { deadline, version } = request.body;
      if (!isIsoDate(deadline)) {
        return reply
          .status(400)
          .send({ error: 'bad_request', message: words.deadlineInvalid, field: 'deadline' });
      }
      await app.repository.saveRound({
        year,
        quarter,
        deadline,
        expectedVersion: version,
        actor: user.username,
        // Opening the round tells the leads of every reporting unit, in its transaction.
        ...(version === 0 && {
          notify: await roundOpenedNotifications({
            repository: app.repository,
            units,
            year,
            quarter,
            deadline,
          }),
        }),
      });
      return reviewOf({ repository: app.repository, units, year, quarter, now: now() });
    },
  );
};
