import { isReportOutstanding } from '@targetline/core';
import { and, asc, desc, eq, inArray, isNotNull, isNull, lte, type SQL, sql } from 'drizzle-orm';
import { inKeyOrder, toNotification } from '../records';
import type { NewNotification, OutboxMail, ReminderClaim, Repository } from '../repository';
import type { PgContext, Q, Tx } from './context';
import { mailOutbox, notifications, remindersSent, reports, units, users } from './schema';

/** The report a reminder is about. */
const reportOf = (claim: ReminderClaim) =>
  and(
    eq(reports.unitId, claim.unitId),
    eq(reports.year, claim.year),
    eq(reports.quarter, claim.quarter),
  );

/** A reminder claim's row, by its unique key. */
const reminderKey = (claim: ReminderClaim) =>
  and(
    eq(remindersSent.year, claim.year),
    eq(remindersSent.quarter, claim.quarter),
    eq(remindersSent.unitId, claim.unitId),
    eq(remindersSent.userId, claim.userId),
    eq(remindersSent.kind, claim.kind),
    eq(remindersSent.day, claim.day),
  );

/**
 * Writes notifications, and a queued mail for each whose user has an address, in the caller's
 * transaction: the write that causes them (as ../sqlite/notifications.ts).
 */
export const insertNotifications = async (tx: Tx, list: readonly NewNotification[], at: string) => {
  if (list.length === 0) return;
  const rows = await tx
    .insert(notifications)
    .values(
      list.map((n) => ({
        userId: n.userId,
        kind: n.kind,
        year: n.year,
        quarter: n.quarter,
        unitId: n.unitId,
        reason: n.reason ?? null,
        deadline: n.deadline ?? null,
        createdAt: at,
      })),
    )
    .returning({ id: notifications.id, userId: notifications.userId });
  const withAddress = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(inArray(users.id, [...new Set(rows.map((r) => r.userId))]), isNotNull(users.email)));
  const mailed = new Set(withAddress.map((u) => u.id));
  const queued = rows.filter((r) => mailed.has(r.userId));
  if (queued.length > 0) {
    await tx
      .insert(mailOutbox)
      .values(queued.map((r) => ({ notificationId: r.id, createdAt: at, nextAttemptAt: at })));
  }
};

const readNotifications = async (q: Q, where: SQL | undefined, limit: number) =>
  (
    await q
      .select({ n: notifications, code: units.code, name: units.name })
      .from(notifications)
      .leftJoin(units, eq(units.id, notifications.unitId))
      .where(where)
      .orderBy(desc(notifications.id))
      .limit(limit)
  ).map(({ n, code, name }) =>
    toNotification(n, code !== null && name !== null ? { code, name } : null),
  );

/** The mail of an outbox row, to its user as they are now; null when it can go nowhere. */
const loadMail = async (q: Q, row: typeof mailOutbox.$inferSelect): Promise<OutboxMail | null> => {
  const [found] = await q
    .select({ n: notifications, user: users, code: units.code, name: units.name })
    .from(notifications)
    .innerJoin(users, eq(users.id, notifications.userId))
    .leftJoin(units, eq(units.id, notifications.unitId))
    .where(eq(notifications.id, row.notificationId));
  if (!found?.user.email || found.user.isDisabled) return null;
  return {
    id: row.id,
    attempts: row.attempts,
    to: found.user.email,
    locale: found.user.locale,
    displayName: found.user.displayName,
    notification: toNotification(
      found.n,
      found.code !== null && found.name !== null ? { code: found.code, name: found.name } : null,
    ),
  };
};

/**
 * In-app notifications, the claims of reminders (INSERT … ON CONFLICT DO NOTHING on their
 * unique key: of several processes one inserts, the others find it taken) and the outbox
 * (each mail taken FOR UPDATE SKIP LOCKED, sent and marked in that transaction). None of these
 * writes changes what the data version guards, so they use plain transactions.
 */
export function createNotifications({ db, now }: PgContext) {
  const methods: Pick<
    Repository,
    | 'listNotifications'
    | 'markNotificationRead'
    | 'claimReminders'
    | 'unclaimedReminders'
    | 'deliverMail'
    | 'countPendingMail'
  > = {
    async listNotifications(userId, limit) {
      return readNotifications(db, eq(notifications.userId, userId), limit);
    },
    async markNotificationRead({ userId, id }) {
      return db.transaction(async (tx) => {
        const mine = and(eq(notifications.id, id), eq(notifications.userId, userId));
        await tx
          .update(notifications)
          .set({ readAt: now().toISOString() })
          .where(and(mine, isNull(notifications.readAt)));
        return (await readNotifications(tx, mine, 1))[0] ?? null;
      });
    },
    async unclaimedReminders(claims) {
      const open = [];
      for (const claim of claims) {
        const [row] = await db
          .select({ day: remindersSent.day })
          .from(remindersSent)
          .where(reminderKey(claim));
        if (!row) open.push(claim);
      }
      return open;
    },
    async claimReminders(claims) {
      return db.transaction(async (tx) => {
        const at = now().toISOString();
        const claimed = [];
        for (const claim of inKeyOrder(claims)) {
          // Submitted since the list was made: no reminder.
          const [report] = await tx
            .select({ state: reports.state })
            .from(reports)
            .where(reportOf(claim));
          if (report && !isReportOutstanding(report.state)) continue;
          const [row] = await tx
            .insert(remindersSent)
            .values({
              year: claim.year,
              quarter: claim.quarter,
              unitId: claim.unitId,
              userId: claim.userId,
              kind: claim.kind,
              day: claim.day,
              createdAt: at,
            })
            .onConflictDoNothing()
            .returning({ day: remindersSent.day });
          if (!row) continue;
          await insertNotifications(
            tx,
            [
              {
                userId: claim.userId,
                kind: 'deadline_near',
                year: claim.year,
                quarter: claim.quarter,
                unitId: claim.unitId,
                deadline: claim.deadline,
              },
            ],
            at,
          );
          claimed.push(claim);
        }
        return claimed;
      });
    },
    async deliverMail({ send, limit, retryDelayMs, maxAgeMs }) {
      const result = { sent: 0, failed: 0, dropped: 0 };
      for (let i = 0; i < limit; i++) {
        // One mail per transaction: its row stays locked while it is sent, so no other sender
        // takes it, and its mark commits at once.
        const outcome = await db.transaction(async (tx) => {
          const [row] = await tx
            .select()
            .from(mailOutbox)
            .where(
              and(
                isNull(mailOutbox.sentAt),
                isNull(mailOutbox.droppedAt),
                lte(mailOutbox.nextAttemptAt, now().toISOString()),
              ),
            )
            .orderBy(asc(mailOutbox.id))
            .limit(1)
            .for('update', { skipLocked: true });
          if (!row) return null;
          const where = eq(mailOutbox.id, row.id);
          const mail = await loadMail(tx, row);
          const at = now();
          if (mail === null || at.getTime() - Date.parse(row.createdAt) > maxAgeMs) {
            await tx.update(mailOutbox).set({ droppedAt: at.toISOString() }).where(where);
            return 'dropped' as const;
          }
          try {
            await send(mail);
          } catch (error) {
            await tx
              .update(mailOutbox)
              .set({
                attempts: row.attempts + 1,
                lastError: String((error as Error).message ?? error).slice(0, 500),
                nextAttemptAt: new Date(
                  now().getTime() + retryDelayMs(row.attempts + 1),
                ).toISOString(),
              })
              .where(where);
            return 'failed' as const;
          }
          await tx
            .update(mailOutbox)
            .set({ sentAt: now().toISOString(), attempts: row.attempts + 1, lastError: null })
            .where(where);
          return 'sent' as const;
        });
        if (outcome === null) break;
        result[outcome]++;
      }
      return result;
    },
    async countPendingMail() {
      const [row] = await db
        .select({ count: sql<number>`count(*)::int` })
        .from(mailOutbox)
        .where(and(isNull(mailOutbox.sentAt), isNull(mailOutbox.droppedAt)));
      return Number(row?.count ?? 0);
    },
  };
  return { methods };
}
