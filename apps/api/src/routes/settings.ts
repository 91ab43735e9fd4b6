import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { routes } from '@targetline/contract';
import { canLockQuarter, DEFAULT_THRESHOLDS, type PaceThresholds } from '@targetline/core';
import type { Repository } from '@targetline/db';
import { loadReminderDays, REMINDER_KEY } from '../notify/reminders';
import { assertAllowed, userOf } from '../plugins/auth';

const PACE_KEY = 'pace-thresholds';

/** The director's pace thresholds, or the defaults (100% on track, 85% at risk). */
export async function loadThresholds(repository: Repository): Promise<PaceThresholds> {
  const stored = await repository.getSetting(PACE_KEY);
  return stored ? (stored.value as PaceThresholds) : DEFAULT_THRESHOLDS;
}

/** Settings a director changes: the pace thresholds for on track / at risk / behind. */
export const settingsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/settings/pace',
    {
      schema: {
        tags: ['settings'],
        summary:
          'Pace thresholds: at or above onTrack is on track, at or above atRisk at risk, else behind',
        ...routes['GET /settings/pace'],
      },
    },
    async () => {
      const stored = await app.repository.getSetting(PACE_KEY);
      return { ...(await loadThresholds(app.repository)), version: stored?.version ?? 0 };
    },
  );

  app.put(
    '/settings/pace',
    {
      schema: {
        tags: ['settings'],
        summary:
          'Set the pace thresholds (directors, admins), with the version read (0 the first time)',
        ...routes['PUT /settings/pace'],
      },
    },
    async (request, reply) => {
      const user = userOf(request);
      assertAllowed(canLockQuarter(user), 'Only directors and admins set the thresholds');
      const { onTrack, atRisk, version } = request.body;
      if (atRisk > onTrack) {
        return reply.status(400).send({
          error: 'bad_request',
          message: 'atRisk must not be above onTrack',
          field: 'atRisk',
        });
      }
      const saved = await app.repository.saveSetting({
        key: PACE_KEY,
        value: { onTrack, atRisk },
        expectedVersion: version,
        actor: user.username,
      });
      return { onTrack, atRisk, version: saved.version };
    },
  );

  app.get(
    '/settings/reminders',
    {
      schema: {
        tags: ['settings'],
        summary:
          "How many days before a round's deadline the leads of units that have not submitted are reminded (again on the day)",
        ...routes['GET /settings/reminders'],
      },
    },
    async () => {
      const stored = await app.repository.getSetting(REMINDER_KEY);
      return {
        daysBefore: await loadReminderDays(app.repository),
        version: stored?.version ?? 0,
      };
    },
  );

  app.put(
    '/settings/reminders',
    {
      schema: {
        tags: ['settings'],
        summary:
          'Set the days before the deadline that reminders go out (directors, admins), with the version read (0 the first time)',
        ...routes['PUT /settings/reminders'],
      },
    },
    async (request) => {
      const user = userOf(request);
      assertAllowed(canLockQuarter(user), 'Only directors and admins set the reminders');
      const { daysBefore, version } = request.body;
      const saved = await app.repository.saveSetting({
        key: REMINDER_KEY,
        value: { daysBefore },
        expectedVersion: version,
        actor: user.username,
      });
      return { daysBefore, version: saved.version };
    },
  );
};
