import { describe, expect, it } from 'vitest';
import { reportingUnitIds } from './completeness';
import {
  deadlineEndsAt,
  isCausesRequired,
  isIsoDate,
  isReasonRequired,
  isReportLate,
  isRoundComplete,
  nextReportState,
  REPORT_STATES,
  type ReportAction,
  type ReportState,
  reminderDue,
  vietnamDate,
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

describe('isRoundComplete', () => {
  const reporting = new Set([2, 3, 4]);
  it('is complete when every reporting unit has submitted or been approved', () => {
    expect(
      isRoundComplete({
        isOpen: true,
        reportingUnitIds: reporting,
        reports: [
          { unitId: 2, state: 'approved' },
          { unitId: 3, state: 'submitted' },
          { unitId: 4, state: 'approved' },
        ],
      }),
    ).toBe(true);
  });

  it('stays open while one unit has a draft, a returned report or none', () => {
    for (const last of [
      { unitId: 4, state: 'draft' as const },
      { unitId: 4, state: 'returned' as const },
      null,
    ]) {
      const reports = [
        { unitId: 2, state: 'approved' as const },
        { unitId: 3, state: 'submitted' as const },
        ...(last ? [last] : []),
      ];
      expect(isRoundComplete({ isOpen: true, reportingUnitIds: reporting, reports })).toBe(false);
    }
  });

  it('is never complete when no round is open or nobody has to report', () => {
    const reports = [2, 3, 4].map((unitId) => ({ unitId, state: 'approved' as const }));
    expect(isRoundComplete({ isOpen: false, reportingUnitIds: reporting, reports })).toBe(false);
    expect(isRoundComplete({ isOpen: true, reportingUnitIds: new Set(), reports })).toBe(false);
  });
});

describe('vietnamDate', () => {
  it('is the date in Hanoi: 17:00 UTC is already the next day', () => {
    expect(vietnamDate(new Date('2023-07-09T16:59:59.000Z'))).toBe('2023-07-09');
    expect(vietnamDate(new Date('2023-07-09T17:00:00.000Z'))).toBe('2023-07-10');
  });
});

describe('reminderDue', () => {
  const deadline = '2023-07-10';
  it('is due from N days ahead until the day before, keyed by its first day, and on the day', () => {
    expect(reminderDue({ deadline, today: '2023-07-06', daysBefore: 3 })).toBeNull();
    for (const today of ['2023-07-07', '2023-07-08', '2023-07-09']) {
      expect(reminderDue({ deadline, today, daysBefore: 3 })).toEqual({
        kind: 'before',
        day: '2023-07-07',
      });
    }
    expect(reminderDue({ deadline, today: deadline, daysBefore: 3 })).toEqual({
      kind: 'due',
      day: deadline,
    });
    expect(reminderDue({ deadline, today: '2023-07-11', daysBefore: 3 })).toBeNull();
  });
});
