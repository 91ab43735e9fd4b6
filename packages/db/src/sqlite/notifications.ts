import { isReportOutstanding } from '@targetline/core';
import { and, asc, desc, eq, isNull, lte, sql } from 'drizzle-orm';
import { inKeyOrder, toNotification } from '../records';
import type {
  NewNotification,
  NotificationRecord,
  OutboxMail,
  ReminderClaim,
  Repository,
} from '../repository';
import { mailOutbox, notifications, remindersSent, reports, units, users } from '../schema';
import type { SqliteContext, Tx } from './context';

/** How long a sender holds a mail it took before another may take it (it crashed meanwhile). */
const LEASE_MS = 5 * 60 * 1000;

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
 * transaction (SQLite's one connection: the write that causes them).
 */
export const insertNotifications = (tx: Tx, list: readonly NewNotification[], at: string) => {
  for (const n of list) {
    const row = tx
      .insert(notifications)
      .values({
        userId: n.userId,
        kind: n.kind,
        year: n.year,
        quarter: n.quarter,
        unitId: n.unitId,
        reason: n.reason ?? null,
        deadline: n.deadline ?? null,
        createdAt: at,
      })
      .returning({ id: notifications.id })
      .get();
    const user = tx.select({ email: users.email }).from(users).where(eq(users.id, n.userId)).get();
    if (user?.email) {
      tx.insert(mailOutbox)
        .values({ notificationId: row.id, createdAt: at, nextAttemptAt: at })
        .run();
    }
  }
};

/** Notifications read with their unit as it is named now. */
const readNotifications = (tx: Tx, where: ReturnType<typeof and>, limit: number) =>
  tx
    .select({ n: notifications, code: units.code, name: units.name })
    .from(notifications)
    .leftJoin(units, eq(units.id, notifications.unitId))
    .where(where)
    .orderBy(desc(notifications.id))
    .limit(limit)
    .all()
    .map(({ n, code, name }) =>
      toNotification(n, code !== null && name !== null ? { code, name } : null),
    );

/**
 * In-app notifications, the claims of reminders and the mail outbox. Reminders and outbox rows
 * are claimed with conditional writes, so two processes on one file (the server and
 * `targetline remind`) never take the same one.
 */
export function createNotifications({ db, now }: SqliteContext) {
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
      return readNotifications(db, and(eq(notifications.userId, userId)), limit);
    },
    async markNotificationRead({ userId, id }) {
      return db.transaction((tx) => {
        const mine = and(eq(notifications.id, id), eq(notifications.userId, userId));
        tx.update(notifications)
          .set({ readAt: now().toISOString() })
          .where(and(mine, isNull(notifications.readAt)))
          .run();
        return readNotifications(tx, mine, 1)[0] ?? null;
      });
    },
    async unclaimedReminders(claims) {
      return claims.filter(
        (claim) =>
          !db
            .select({ day: remindersSent.day })
            .from(remindersSent)
            .where(reminderKey(claim))
            .get(),
      );
    },
    async claimReminders(claims) {
      return db.transaction((tx) => {
        const at = now().toISOString();
        const claimed = [];
        for (const claim of inKeyOrder(claims)) {
          // Submitted since the list was made: no reminder.
          const report = tx
            .select({ state: reports.state })
            .from(reports)
            .where(reportOf(claim))
            .get();
          if (report && !isReportOutstanding(report.state)) continue;
          const row = tx
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
            .returning({ day: remindersSent.day })
            .get();
          if (!row) continue;
          insertNotifications(
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
      const pending = () =>
        and(
          isNull(mailOutbox.sentAt),
          isNull(mailOutbox.droppedAt),
          lte(mailOutbox.nextAttemptAt, now().toISOString()),
        );
      const seen = new Set<number>();
      for (let i = 0; i < limit; i++) {
        // Take one mail: the conditional update is the claim (another process's lease wins).
        const taken = db.transaction((tx) => {
          const row = tx
            .select()
            .from(mailOutbox)
            .where(pending())
            .orderBy(asc(mailOutbox.id))
            .limit(1)
            .get();
          if (!row || seen.has(row.id)) return null;
          const changed = tx
            .update(mailOutbox)
            .set({ nextAttemptAt: new Date(now().getTime() + LEASE_MS).toISOString() })
            .where(and(eq(mailOutbox.id, row.id), eq(mailOutbox.nextAttemptAt, row.nextAttemptAt)))
            .run().changes;
          return changed === 1 ? row : null;
        });
        if (!taken) break;
        seen.add(taken.id);
        const mail = loadMail(db, taken);
        const at = now();
        const where = eq(mailOutbox.id, taken.id);
        if (mail === null || at.getTime() - Date.parse(taken.createdAt) > maxAgeMs) {
          db.update(mailOutbox).set({ droppedAt: at.toISOString() }).where(where).run();
          result.dropped++;
          continue;
        }
        try {
          await send(mail);
          db.update(mailOutbox)
            .set({ sentAt: now().toISOString(), attempts: taken.attempts + 1, lastError: null })
            .where(where)
            .run();
          result.sent++;
        } catch (error) {
          db.update(mailOutbox)
            .set({
              attempts: taken.attempts + 1,
              lastError: String((error as Error).message ?? error).slice(0, 500),
              nextAttemptAt: new Date(
                now().getTime() + retryDelayMs(taken.attempts + 1),
              ).toISOString(),
            })
            .where(where)
            .run();
          result.failed++;
        }
      }
      return result;
    },
    async countPendingMail() {
      const row = db
        .select({ count: sql<number>`count(*)` })
        .from(mailOutbox)
        .where(and(isNull(mailOutbox.sentAt), isNull(mailOutbox.droppedAt)))
        .get();
      return Number(row?.count ?? 0);
    },
  };
  return { methods };
}

/** The mail of an outbox row, to its user as they are now; null when it can go nowhere. */
const loadMail = (tx: Tx, row: typeof mailOutbox.$inferSelect): OutboxMail | null => {
  const found = tx
    .select({ n: notifications, user: users, code: units.code, name: units.name })
    .from(notifications)
    .innerJoin(users, eq(users.id, notifications.userId))
    .leftJoin(units, eq(units.id, notifications.unitId))
    .where(eq(notifications.id, row.notificationId))
    .get();
  if (!found?.user.email || found.user.isDisabled) return null;
  const notification: NotificationRecord = toNotification(
    found.n,
    found.code !== null && found.name !== null ? { code: found.code, name: found.name } : null,
  );
  return {
    id: row.id,
    attempts: row.attempts,
    to: found.user.email,
    locale: found.user.locale,
    displayName: found.user.displayName,
    notification,
  };
};
