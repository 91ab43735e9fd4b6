import { type Static, Type } from 'typebox';
import { Id, MAX_ID } from './common';

/**
 * What a notification (thông báo) is about: a round opened (to the leads of every reporting
 * unit), a report returned (to its unit's leads, with the reason), a report submitted (to the
 * planning office and the directors), a deadline near or come (a reminder, nhắc nhở, to the
 * leads of a unit that has not submitted).
 */
export const NotificationKindSchema = Type.Union([
  Type.Literal('round_opened'),
  Type.Literal('report_returned'),
  Type.Literal('report_submitted'),
  Type.Literal('deadline_near'),
]);
export type NotificationKind = Static<typeof NotificationKindSchema>;

const NullableText = Type.Union([Type.String(), Type.Null()]);

/**
 * One notification: what happened and to what, never a sentence — the reader's language writes
 * it. `reason` is free text as typed (show it as text). `deadline` is the round's deadline when
 * the notification was written; `daysLeft` is set on reminders (0 on the deadline day).
 */
export const NotificationSchema = Type.Object({
  id: Type.Integer(),
  kind: NotificationKindSchema,
  createdAt: Type.String({ format: 'date-time' }),
  readAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  year: Type.Integer(),
  quarter: Type.Integer(),
  unitId: Type.Union([Type.Integer(), Type.Null()]),
  unitCode: NullableText,
  unitName: NullableText,
  reason: NullableText,
  deadline: NullableText,
  daysLeft: Type.Union([Type.Integer(), Type.Null()]),
});
export type NotificationRecord = Static<typeof NotificationSchema>;

/** The caller's own notifications, newest first (the latest 100). */
export const NotificationListSchema = Type.Array(NotificationSchema);

export const NotificationParams = Type.Object({ id: Id }, { additionalProperties: false });
export type NotificationParams = Static<typeof NotificationParams>;

/** How many days before a round's deadline its reminder goes out (and again on the day). */
export const ReminderSettingsRecord = Type.Object({
  daysBefore: Type.Integer(),
  version: Type.Integer(),
});
export type ReminderSettings = Static<typeof ReminderSettingsRecord>;

export const ReminderSettingsBody = Type.Object(
  {
    daysBefore: Type.Integer({ minimum: 1, maximum: 30 }),
    version: Type.Integer({ minimum: 0, maximum: MAX_ID }),
  },
  { additionalProperties: false },
);
export type ReminderSettingsBody = Static<typeof ReminderSettingsBody>;
