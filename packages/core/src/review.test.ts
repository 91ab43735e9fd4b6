import { describe, expect, it } from 'vitest';
import {
  deadlineEndsAt,
  isCausesRequired,
  isIsoDate,
  isReasonRequired,
  isReportLate,
  nextReportState,
  REPORT_STATES,
  type ReportAction,
  type ReportState,
  reportingUnitIds,
} from './review';

const ACTIONS: ReportAction[] = ['save', 'submit', 'approve', 'return', 'reopen'];

describe('nextReportState', () => {
  it('follows the cycle: save, submit, then approve or return, and reopen an approved one', () => {
    const table = Object.fromEntries(
      REPORT_STATES.map((state) => [
        state,
        Object.fromEntries(ACTIONS.map((action) => [action, nextReportState(state, action)])),
      ]),
    );
    expect(table).toEqual({
      not_started: { save: 'draft', submit: null, approve: null, return: null, reopen: null },
      draft: { save: 'draft', submit: 'submitted', approve: null, return: null, reopen: null },
      submitted: {
        save: null,
        submit: null,
        approve: 'approved',
        return: 'returned',
        reopen: null,
      },
      returned: { save: 'draft', submit: 'submitted', approve: null, return: null, reopen: null },
      approved: { save: null, submit: null, approve: null, return: null, reopen: 'returned' },
    });
  });

  it('freezes a submitted or approved report for its lead: no save', () => {
    for (const state of ['submitted', 'approved'] as ReportState[]) {
      expect(nextReportState(state, 'save'), state).toBeNull();
    }
  });

  it('cannot submit what was never saved', () => {
    expect(nextReportState('not_started', 'submit')).toBeNull();
  });
});

describe('reportingUnitIds', () => {
  const unit = (id: number, parentId: number | null) => ({
    id,
    code: `U${id}`,
    name: `U${id}`,
    parentId,
    kind: 'department' as const,
  });
  // 1 ─┬─ 2 ── 4
  //    └─ 3
  const units = [unit(1, null), unit(2, 1), unit(3, 1), unit(4, 2)];
  const plans = (...ids: number[]) => ids.map((unitId) => ({ unitId }));

  it('takes each unit with its own plan', () => {
    expect([...reportingUnitIds({ units, plans: plans(2, 3) })].sort()).toEqual([2, 3]);
  });
  it('leaves out a unit whose plan is allocated to units below it', () => {
    expect([...reportingUnitIds({ units, plans: plans(1, 2, 3, 4) })].sort()).toEqual([3, 4]);
  });
  it('keeps a unit with a plan when no unit below it has one', () => {
    expect([...reportingUnitIds({ units, plans: plans(1) })]).toEqual([1]);
    expect([...reportingUnitIds({ units, plans: plans(2, 3) })]).not.toContain(4);
  });
});

describe('isReasonRequired', () => {
  it('asks a reason of a return and a reopening only', () => {
    expect(ACTIONS.filter(isReasonRequired)).toEqual(['return', 'reopen']);
  });
});

describe('isCausesRequired', () => {
  const atRisk = 0.85;
  it('requires the causes below the at-risk threshold', () => {
    expect(isCausesRequired({ actual: 84, target: 100, atRisk })).toBe(true);
    expect(isCausesRequired({ actual: 0, target: 100, atRisk })).toBe(true);
  });
  it('does not at or above it', () => {
    expect(isCausesRequired({ actual: 85, target: 100, atRisk })).toBe(false);
    expect(isCausesRequired({ actual: 130, target: 100, atRisk })).toBe(false);
  });
  it('does not without a target, with a target of 0 or without an actual', () => {
    expect(isCausesRequired({ actual: 5, target: null, atRisk })).toBe(false);
    expect(isCausesRequired({ actual: 5, target: 0, atRisk })).toBe(false);
    expect(isCausesRequired({ actual: null, target: 100, atRisk })).toBe(false);
  });
  it('follows the setting', () => {
    expect(isCausesRequired({ actual: 90, target: 100, atRisk: 0.95 })).toBe(true);
  });
});

describe('isIsoDate', () => {
  it('takes calendar dates only', () => {
    expect(isIsoDate('2023-07-10')).toBe(true);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2023-7-10')).toBe(false);
    expect(isIsoDate('2023-07-10T00:00:00Z')).toBe(false);
  });
});

describe('isReportLate', () => {
  const deadline = '2023-07-10';
  it('ends the deadline day at midnight in Hanoi (17:00 UTC)', () => {
    expect(deadlineEndsAt(deadline).toISOString()).toBe('2023-07-10T17:00:00.000Z');
  });
  it('counts a submission on the deadline day in Hanoi as on time, and one after as late', () => {
    const at = (submittedAt: string) =>
      isReportLate({ state: 'submitted', submittedAt, deadline, now: new Date('2023-08-01') });
    expect(at('2023-07-10T16:59:59.999Z')).toBe(false);
    expect(at('2023-07-10T17:00:00.000Z')).toBe(true);
  });
  it('counts an unsubmitted report as late once the deadline day is over', () => {
    for (const state of ['not_started', 'draft', 'returned'] as ReportState[]) {
      const late = (now: string) =>
        isReportLate({ state, submittedAt: null, deadline, now: new Date(now) });
      expect(late('2023-07-10T16:59:00Z'), state).toBe(false);
      expect(late('2023-07-10T17:00:00Z'), state).toBe(true);
    }
  });
  it('is never late without a round', () => {
    expect(
      isReportLate({ state: 'draft', submittedAt: null, deadline: null, now: new Date() }),
    ).toBe(false);
  });
});
