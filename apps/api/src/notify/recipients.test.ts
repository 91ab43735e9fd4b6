import type { UnitRecord, UserAccount } from '@targetline/db';
import { describe, expect, it } from 'vitest';
import { leadsOf, reviewersOf } from './recipients';

const unit = (id: number, parentId: number | null): UnitRecord => ({
  id,
  code: `U${id}`,
  name: `Unit ${id}`,
  kind: parentId === null ? 'institute' : 'centre',
  parentId,
  version: 1,
});
const units = [unit(1, null), unit(2, 1), unit(3, 2), unit(4, 1)];
const user = (id: number, role: UserAccount['role'], unitIds: number[] = [], isDisabled = false) =>
  ({
    id,
    username: `u${id}`,
    displayName: `U ${id}`,
    role,
    unitIds,
    isDisabled,
    email: null,
    locale: 'vi',
    version: 1,
  }) satisfies UserAccount;

describe('leadsOf', () => {
  const users = [
    user(1, 'unit_lead', [2]),
    user(2, 'unit_lead', [3]),
    user(3, 'unit_lead', [2], true),
    user(4, 'admin'),
    user(5, 'unit_lead', [4]),
  ];
  it('are the enabled leads who write the unit’s report: its own and those of the units above it', () => {
    expect(leadsOf(users, units, 3).map((u) => u.id)).toEqual([1, 2]);
    expect(leadsOf(users, units, 2).map((u) => u.id)).toEqual([1]);
    expect(leadsOf(users, units, 4).map((u) => u.id)).toEqual([5]);
  });
});

describe('reviewersOf', () => {
  it('are the enabled planners and directors', () => {
    const users = [
      user(1, 'planner'),
      user(2, 'director'),
      user(3, 'director', [], true),
      user(4, 'admin'),
      user(5, 'viewer'),
    ];
    expect(reviewersOf(users).map((u) => u.id)).toEqual([1, 2]);
  });
});
