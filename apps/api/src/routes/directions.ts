import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { type Direction, routes } from '@targetline/contract';
import {
  type Action,
  fill,
  isAllowed,
  isProgressStatus,
  quarterIndex,
  wordsFor,
} from '@targetline/core';
import { DbError, type DirectionRecord, type UnitRecord } from '@targetline/db';
import { assertAllowed, userOf } from '../plugins/auth';
import { requireUnit } from './write';

const words = wordsFor('en').directions;

/** A stored direction with the code and name of its unit (null for the whole institute). */
const withUnit = (units: readonly UnitRecord[], d: DirectionRecord): Direction => {
  const unit = d.unitId === null ? undefined : units.find((u) => u.id === d.unitId);
  return { ...d, unitCode: unit?.code ?? null, unitName: unit?.name ?? null };
};

const badRequest = (message: string, field: string): never => {
  throw new DbError('BAD_REQUEST', message, { field });
};

/**
 * The director's conclusions (kết luận chỉ đạo): listed by anyone who reads; recorded by
 * directors, the planning office and admins; progress reported by the unit's leads (on the
 * whole institute's, by the office, directors and admins); closed or carried over by directors
 * and admins. Each write is versioned and audited in the database's transaction.
 */
export const directionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/directions',
    {
      schema: {
        tags: ['review'],
        summary:
          'Directions: given at a meeting (year, quarter), due in a quarter (dueYear, dueQuarter), to a unit (unitId), combined',
        description:
          "A unit's report asks for `unitId`, `dueYear` and `dueQuarter`; a unit's page for `unitId`; the status board for the meeting's `year` and `quarter`. A quarter without its year is refused.",
        ...routes['GET /directions'],
      },
    },
    async (request) => {
      const query = request.query;
      if (query.quarter !== undefined && query.year === undefined) {
        badRequest(words.queryPairs, 'year');
      }
      if (query.dueQuarter !== undefined && query.dueYear === undefined) {
        badRequest(words.queryPairs, 'dueYear');
      }
      const units = await app.units();
      const list = await app.repository.listDirections(query);
      return list.map((d) => withUnit(units, d));
    },
  );

  app.post(
    '/directions',
    {
      schema: {
        tags: ['review'],
        summary: 'Record a direction given at the meeting (directors, planners, admins)',
        description:
          '`unitId` null: the whole institute. Due no earlier than the meeting\'s quarter. Answers the direction, status "open", version 1.',
        ...routes['POST /directions'],
      },
    },
    async (request, reply) => {
      const user = userOf(request);
      const units = await app.units();
      assertAllowed(isAllowed(user, { kind: 'recordDirection' }, units), words.mayNotRecord);
      const body = request.body;
      if (body.unitId !== null) requireUnit(units, body.unitId);
      if (quarterIndex(body.dueYear, body.dueQuarter) < quarterIndex(body.year, body.quarter)) {
        badRequest(words.dueBeforeMeeting, 'dueQuarter');
      }
      const saved = await app.repository.createDirection({
        ...body,
        text: body.text.trim(),
        actor: user.username,
      });
      return reply.status(201).send(withUnit(units, saved));
    },
  );

  app.patch(
    '/directions/:id',
    {
      schema: {
        tags: ['review'],
        summary:
          "Report progress on a direction (the unit's leads) or close it or carry it over (directors, admins)",
        description:
          "in_progress, done, not_done: progress, by whoever writes the unit's report (for the whole institute's: planners, directors, admins); the note becomes the direction's. closed (final) and carried_over (the due quarter moves to the next one): directors and admins; the lead's note is kept. The note is the audit row's comment. A stale version gets 409 with the current direction; a closed one 409 `{\"error\":\"state\"}`.",
        ...routes['PATCH /directions/:id'],
      },
    },
    async (request) => {
      const user = userOf(request);
      const { id } = request.params;
      const { status, progressNote, version } = request.body;
      const units = await app.units();
      if (status === 'open') badRequest(words.openNotAllowed, 'status');
      const current = await app.repository.getDirection(id);
      if (!current) throw new DbError('NOT_FOUND', fill(words.notFound, { id }), { field: 'id' });
      const action: Action = isProgressStatus(status)
        ? { kind: 'reportDirection', unitId: current.unitId }
        : { kind: 'decideDirection' };
      assertAllowed(
        isAllowed(user, action, units),
        action.kind === 'reportDirection' ? words.mayNotReport : words.mayNotDecide,
      );
      try {
        const saved = await app.repository.updateDirection({
          id,
          status,
          progressNote,
          expectedVersion: version,
          actor: user.username,
        });
        return withUnit(units, saved);
      } catch (error) {
        // A 409's `current` is the direction as the GET answers it, unit named, to show as is.
        const current = (error as DbError).details as { current?: DirectionRecord } | undefined;
        if (error instanceof DbError && current?.current) {
          throw new DbError(error.code, error.message, {
            ...(error.field !== undefined && { field: error.field }),
            ...(error.reason !== undefined && { reason: error.reason }),
            details: { current: withUnit(units, current.current) },
          });
        }
        throw error;
      }
    },
  );
};
