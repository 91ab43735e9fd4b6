import { formatQuarter } from './period';
import type { Locale, Quarter } from './types';
import { fill, wordsFor } from './words';

// A notification is stored as what happened (its kind and what it concerns), never as a
// sentence: these functions write the sentence in the reader's language, for the web's list
// and for the mail alike.

export type NotificationFacts = {
  kind: 'round_opened' | 'report_returned' | 'report_submitted' | 'deadline_near';
  year: number;
  quarter: number;
  unitCode: string | null;
  unitName: string | null;
  reason: string | null;
  deadline: string | null;
  /** Days from the reminder to the deadline; 0 on the deadline day. */
  daysLeft: number | null;
};

/** A deadline as the reader writes dates: vi "10/07/2023", en "10 Jul 2023". */
export function formatDeadline(date: string, locale: Locale): string {
  const [year, month, day] = date.split('-');
  if (locale === 'vi') return `${day}/${month}/${year}`;
  const months = [
    'Jan',
    'Feb',
    'Mar',
    'Apr',
    'May',
    'Jun',
    'Jul',
    'Aug',
    'Sep',
    'Oct',
    'Nov',
    'Dec',
  ];
  return `${Number(day)} ${months[Number(month) - 1] ?? month} ${year}`;
}

const valuesOf = (facts: NotificationFacts, locale: Locale) => ({
  quarter: formatQuarter(facts.quarter as Quarter, facts.year, locale),
  unit: facts.unitName ?? facts.unitCode ?? '',
  reason: facts.reason ?? '',
  deadline: facts.deadline === null ? '' : formatDeadline(facts.deadline, locale),
  days: facts.daysLeft ?? '',
});

/** The notification as one sentence in `locale`. Free text (the reason) is put in as text. */
export function notificationText(facts: NotificationFacts, locale: Locale): string {
  const text = wordsFor(locale).notifications.text;
  const template =
    facts.kind === 'deadline_near' && facts.daysLeft === 0 ? text.deadline_today : text[facts.kind];
  return fill(template, valuesOf(facts, locale));
}

/**
 * A notification's mail in `locale`, as plain text (no markup, so nothing typed by a user can
 * become one): the subject, and the body addressed to `name` with the link to what it concerns.
 */
export function notificationMail(
  facts: NotificationFacts,
  { locale, name, url }: { locale: Locale; name: string; url: string | null },
): { subject: string; text: string } {
  const mail = wordsFor(locale).mail;
  const values = valuesOf(facts, locale);
  // A subject is one line: a unit name never breaks it (header injection is the mailer's to
  // refuse too, but the subject should not even try).
  const subject = fill(mail.subject[facts.kind], values).replace(/[\r\n]+/g, ' ');
  const lines = [
    fill(mail.greeting, { name }),
    '',
    notificationText(facts, locale),
    ...(url === null ? [] : ['', fill(mail.open, { url })]),
    '',
    '-- ',
    mail.signature,
    mail.why,
  ];
  return { subject, text: `${lines.join('\n')}\n` };
}

/**
 * Where the web shows what a notification concerns: the unit's report, or the round's status
 * board when it concerns no one unit.
 */
export function notificationPath(facts: {
  year: number;
  quarter: number;
  unitId: number | null;
}): string {
  if (facts.unitId !== null) {
    return `/reports/${facts.unitId}/${facts.year}/${facts.quarter}`;
  }
  return `/review?year=${facts.year}&quarter=${facts.quarter}`;
}
