import type { SessionUser } from '@targetline/contract';
import type { Unit } from '@targetline/core';
import { describe, expect, it } from 'vitest';
import { permissionsOf } from './current-user';

const units: Unit[] = [
  { id: 1, code: 'VIMSAT', name: 'Viện', parentId: null, kind: 'institute' },
  { id: 2, code: 'P-KTLT', name: 'Phòng KTLT', parentId: 1, kind: 'department' },
  { id: 3, code: 'TT-ATM', name: 'Trung tâm ATM', parentId: 1, kind: 'centre' },
  { id: 4, code: 'TT-ATM-1', name: 'Tổ 1', parentId: 3, kind: 'department' },
];

const user = (role: SessionUser['role'], unitIds: number[] = []): SessionUser => ({
  id: 9,
  username: 'u',
  displayName: 'U',
  role,
  unitIds,
});

describe('permissionsOf', () => {
  it('lets a unit lead write the actuals of their unit and its sub-units only', () => {
    const p = permissionsOf(user('unit_lead', [3]), units);
    expect([...p.writableUnitIds].sort()).toEqual([3, 4]);
    expect(p.canWritePlan).toBe(false);
    expect(p.canLockQuarter).toBe(false);
  });

  it('lets a director set plans and lock quarters but enter no actual', () => {
    const p = permissionsOf(user('director'), units);
    expect(p.writableUnitIds.size).toBe(0);
    expect(p.canWritePlan).toBe(true);
    expect(p.canLockQuarter).toBe(true);
  });

  it('lets a viewer change nothing', () => {
    const p = permissionsOf(user('viewer'), units);
    expect(p).toMatchObject({ canWritePlan: false, canLockQuarter: false });
    expect(p.writableUnitIds.size).toBe(0);
  });

  it('lets an admin do everything', () => {
    const p = permissionsOf(user('admin'), units);
    expect(p.writableUnitIds.size).toBe(4);
    expect(p).toMatchObject({ canWritePlan: true, canLockQuarter: true });
  });
});
