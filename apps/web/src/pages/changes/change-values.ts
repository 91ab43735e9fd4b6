import type { AuditEntry } from '@targetline/contract';
import {
  AUDIT_ENTITIES,
  type AuditEntity,
  DIRECTION_STATUSES,
  formatAmountFull,
  type Locale,
  REPORT_STATES,
} from '@targetline/core';
import type { TFunction } from 'i18next';
import { formatDate } from '../../i18n/format-date-time';

const field = (value: unknown, name: string): unknown =>
  typeof value === 'object' && value !== null && name in value
    ? (value as Record<string, unknown>)[name]
    : undefined;

const isAmount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value);

/** The kind of an audit row as the log names it; an unknown kind (a newer server) is null. */
export function entityOf(entry: Pick<AuditEntry, 'entity'>): AuditEntity | null {
  return AUDIT_ENTITIES.find((entity) => entity === entry.entity) ?? null;
}

/**
 * One side of a change, as words: the record before or after (`oldValue`/`newValue`) reduced
 * to what the kind of change is about — an actual's amount in full with its basis, a plan's
 * annual plan (and the plan the group assigned, where set), a report's state, a lock's being on or off, a direction's text and status, a
 * unit's or an account's name. Null where there was nothing (created, removed). The text is
 * shown as text, never as markup: it holds what users typed.
 */
export function describeValue({
  entity,
  value,
  locale,
  t,
}: {
  entity: AuditEntity | null;
  value: unknown;
  locale: Locale;
  t: TFunction;
}): string | null {
  if (entity === 'lock') return value === null ? t('changeLog.unlocked') : t('changeLog.locked');
  if (value === null || value === undefined) return null;
  switch (entity) {
    case 'actual': {
      const amount = field(value, 'amount');
      if (!isAmount(amount)) return null;
      const basis = field(value, 'basis');
      const text = formatAmountFull(amount, locale);
      return basis === 'estimate' || basis === 'final'
        ? `${text} (${t(`review.basis.${basis}`)})`
        : text;
    }
    case 'plan': {
      const amount = field(value, 'annualPlan');
      if (!isAmount(amount)) return null;
      const plan = t('changeLog.plan', { amount: formatAmountFull(amount, locale) });
      // A revision of the group's plan alone shows in the log as that, not as "180 → 180".
      const assigned = field(value, 'assignedPlan');
      return isAmount(assigned)
        ? `${plan} · ${t('changeLog.assignedPlan', { amount: formatAmountFull(assigned, locale) })}`
        : plan;
    }
    case 'report': {
      const state = REPORT_STATES.find((known) => known === field(value, 'state'));
      return state ? t(`review.states.${state}`) : null;
    }
    case 'direction': {
      const text = field(value, 'text');
      const status = DIRECTION_STATUSES.find((known) => known === field(value, 'status'));
      const words = [
        typeof text === 'string' ? text : null,
        status ? t(`directions.statuses.${status}`) : null,
      ];
      return words.filter((word) => word !== null).join(' · ') || null;
    }
    case 'review': {
      const deadline = field(value, 'deadline');
      return typeof deadline === 'string'
        ? t('changeLog.deadline', { date: formatDate(deadline, locale) })
        : null;
    }
    case 'unit': {
      const name = field(value, 'name');
      return typeof name === 'string' ? name : null;
    }
    case 'user': {
      const name = field(value, 'displayName');
      return typeof name === 'string' ? name : null;
    }
    default: {
      // A setting (or a kind this web does not know yet): its value as data, never markup.
      const inner = field(value, 'value');
      return JSON.stringify(inner === undefined ? value : inner);
    }
  }
}
