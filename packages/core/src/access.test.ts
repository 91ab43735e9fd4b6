import { describe, expect, it } from 'vitest';
import {
  canDirectReview,
  canImport,
  canLockQuarter,
  canManageUsers,
  canReviewReport,
  canViewChangeLog,
  canWriteActual,
  canWritePlan,
  isAllowed,
  subtreeUnitIds,
} from './access';
import type { Role, Unit } from './types';

const unit = (id: number, parentId: number | null): Unit => ({
  id,
  code: `U${id}`,
  name: `U${id}`,
  parentId,
  kind: 'department',
});
// 1 ─┬─ 2 ── 4
//    └─ 3
const units = [unit(1, null), unit(2, 1), unit(3, 1), unit(4, 2)];
const user = (role: Role, unitIds: number[] = [], isDisabled = false) => ({
  role,
  unitIds,
  isDisabled,
});

describe('subtreeUnitIds', () => {
  it('includes the units themselves and everything below them', () => {
    expect([...subtreeUnitIds(units, [2])].sort()).toEqual([2, 4]);
    expect(subtreeUnitIds(units, [1]).size).toBe(4);
  });
  it('ignores unknown ids', () => {
    expect(subtreeUnitIds(units, [99]).size).toBe(0);
  });
});

describe('canWriteActual', () => {
  it('lets a unit lead write their unit and its sub-units only', () => {
    const lead = user('unit_lead', [2]);
    expect(canWriteActual(lead, 2, units)).toBe(true);
    expect(canWriteActual(lead, 4, units)).toBe(true);
    expect(canWriteActual(lead, 3, units)).toBe(false);
    expect(canWriteActual(lead, 1, units)).toBe(false);
  });
  it('lets an admin write any unit, and neither a director, a planner nor a viewer', () => {
    expect(canWriteActual(user('admin'), 3, units)).toBe(true);
    expect(canWriteActual(user('director'), 3, units)).toBe(false);
    expect(canWriteActual(user('planner'), 3, units)).toBe(false);
    expect(canWriteActual(user('viewer'), 3, units)).toBe(false);
  });
  it('refuses a disabled user whatever their role', () => {
    expect(canWriteActual(user('unit_lead', [2], true), 2, units)).toBe(false);
    expect(canWriteActual(user('admin', [], true), 2, units)).toBe(false);
  });
});

describe('role rules', () => {
  it('gives plans and locks to directors and admins, users to admins', () => {
    const roles: Role[] = ['admin', 'director', 'planner', 'unit_lead', 'viewer'];
    expect(roles.filter((r) => canWritePlan(user(r)))).toEqual(['admin', 'director']);
    expect(roles.filter((r) => canLockQuarter(user(r)))).toEqual(['admin', 'director']);
    expect(roles.filter((r) => canManageUsers(user(r)))).toEqual(['admin']);
  });

  it('lets everyone who may write a figure import, and no viewer or disabled user', () => {
    const roles: Role[] = ['admin', 'director', 'planner', 'unit_lead', 'viewer'];
    expect(roles.filter((r) => canImport(user(r)))).toEqual(['admin', 'director', 'unit_lead']);
    expect(canImport(user('admin', [], true))).toBe(false);
  });

  it('lets the planning office review reports but not open rounds or reopen them', () => {
    const roles: Role[] = ['admin', 'director', 'planner', 'unit_lead', 'viewer'];
    expect(roles.filter((r) => canReviewReport(user(r)))).toEqual(['admin', 'director', 'planner']);
    expect(roles.filter((r) => canDirectReview(user(r)))).toEqual(['admin', 'director']);
    expect(canReviewReport(user('planner', [], true))).toBe(false);
  });

  it('shows the organisation-wide change log to the director, the planning office and admins only', () => {
    const roles: Role[] = ['admin', 'director', 'planner', 'unit_lead', 'viewer'];
    expect(roles.filter((r) => canViewChangeLog(user(r)))).toEqual([
      'admin',
      'director',
      'planner',
    ]);
    expect(canViewChangeLog(user('director', [], true))).toBe(false);
    expect(isAllowed(user('viewer'), { kind: 'viewChangeLog' }, units)).toBe(false);
    expect(isAllowed(user('unit_lead', [2]), { kind: 'viewChangeLog' }, units)).toBe(false);
    expect(isAllowed(user('director'), { kind: 'viewChangeLog' }, units)).toBe(true);
  });
});

describe('isAllowed', () => {
  it('states every right in one vocabulary, following the rules above', () => {
    const lead = user('unit_lead', [2]);
    expect(isAllowed(lead, { kind: 'writeActual', unitId: 4 }, units)).toBe(true);
    expect(isAllowed(lead, { kind: 'writeActual', unitId: 1 }, units)).toBe(false);
    expect(isAllowed(lead, { kind: 'import' }, units)).toBe(true);
    expect(isAllowed(user('viewer'), { kind: 'import' }, units)).toBe(false);
    expect(isAllowed(user('viewer'), { kind: 'read' }, units)).toBe(true);
    expect(isAllowed(user('director'), { kind: 'setThresholds' }, units)).toBe(true);
    expect(isAllowed(user('director'), { kind: 'manageUnits' }, units)).toBe(false);
    expect(isAllowed(user('admin'), { kind: 'manageUsers' }, units)).toBe(true);
    expect(isAllowed(lead, { kind: 'writeReport', unitId: 4 }, units)).toBe(true);
    expect(isAllowed(lead, { kind: 'writeReport', unitId: 3 }, units)).toBe(false);
    expect(isAllowed(lead, { kind: 'reviewReport' }, units)).toBe(false);
    const planner = user('planner');
    expect(isAllowed(planner, { kind: 'read' }, units)).toBe(true);
    expect(isAllowed(planner, { kind: 'reviewReport' }, units)).toBe(true);
    expect(isAllowed(planner, { kind: 'reopenReport' }, units)).toBe(false);
    expect(isAllowed(planner, { kind: 'openRound' }, units)).toBe(false);
    expect(isAllowed(planner, { kind: 'writeReport', unitId: 2 }, units)).toBe(false);
    expect(isAllowed(planner, { kind: 'writePlan' }, units)).toBe(false);
    expect(isAllowed(planner, { kind: 'import' }, units)).toBe(false);
    // A disabled account may do nothing at all, not even read.
    for (const kind of ['read', 'endOwnSession', 'manageUsers', 'import'] as const) {
      expect(isAllowed(user('admin', [], true), { kind }, units), kind).toBe(false);
    }
  });
});

describe('directions', () => {
  it('are recorded by directors, the planning office and admins', () => {
    for (const role of ['director', 'planner', 'admin'] as const) {
      expect(isAllowed(user(role), { kind: 'recordDirection' }, units), role).toBe(true);
    }
    for (const role of ['unit_lead', 'viewer'] as const) {
      expect(isAllowed(user(role, [2]), { kind: 'recordDirection' }, units), role).toBe(false);
    }
  });
  it("get progress reports from the unit's leads, and for the whole institute from the office", () => {
    const lead = user('unit_lead', [2]);
    expect(isAllowed(lead, { kind: 'reportDirection', unitId: 4 }, units)).toBe(true);
    expect(isAllowed(lead, { kind: 'reportDirection', unitId: 3 }, units)).toBe(false);
    expect(isAllowed(lead, { kind: 'reportDirection', unitId: null }, units)).toBe(false);
    expect(isAllowed(user('planner'), { kind: 'reportDirection', unitId: 3 }, units)).toBe(false);
    expect(isAllowed(user('planner'), { kind: 'reportDirection', unitId: null }, units)).toBe(true);
    expect(isAllowed(user('admin'), { kind: 'reportDirection', unitId: 3 }, units)).toBe(true);
  });
  it('are closed or carried over by directors and admins only', () => {
    expect(isAllowed(user('director'), { kind: 'decideDirection' }, units)).toBe(true);
    expect(isAllowed(user('admin'), { kind: 'decideDirection' }, units)).toBe(true);
    expect(isAllowed(user('planner'), { kind: 'decideDirection' }, units)).toBe(false);
    expect(isAllowed(user('unit_lead', [2]), { kind: 'decideDirection' }, units)).toBe(false);
  });
});
