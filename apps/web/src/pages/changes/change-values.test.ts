import type { AuditEntry } from '@targetline/contract';
import { WORDS } from '@targetline/core';
import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeValue, entityOf } from './change-values';

let t: TFunction;
beforeAll(async () => {
  const instance = i18next.createInstance();
  await instance.init({
    lng: 'vi',
    resources: { vi: { translation: WORDS.vi } },
    interpolation: { escapeValue: false },
  });
  t = instance.getFixedT('vi');
});

const vi = (entity: AuditEntry['entity'], value: unknown) =>
  describeValue({ entity: entityOf({ entity }), value, locale: 'vi', t });

describe('describeValue', () => {
  it('writes an actual in full, with its basis', () => {
    expect(vi('actual', { amount: 25_000_000_000, basis: 'estimate' })).toBe(
      '25.000.000.000 (Ước thực hiện)',
    );
    expect(vi('actual', { amount: 1_482_000_000 })).toBe('1.482.000.000');
    expect(vi('actual', null)).toBeNull();
  });

  it('writes a plan by its annual plan', () => {
    expect(vi('plan', { annualPlan: 180_000_000_000 })).toBe('KH năm 180.000.000.000');
    expect(vi('plan', { annualPlan: 180_000_000_000, assignedPlan: null })).toBe(
      'KH năm 180.000.000.000',
    );
  });

  it('adds the plan the group assigned, where set, so that its revision shows', () => {
    expect(vi('plan', { annualPlan: 180_000_000_000, assignedPlan: 200_000_000_000 })).toBe(
      'KH năm 180.000.000.000 · KH Tập đoàn giao 200.000.000.000',
    );
  });

  it('names a report’s state and a lock being on or off', () => {
    expect(vi('report', { state: 'submitted' })).toBe('Đã nộp');
    expect(vi('lock', { year: 2023, quarter: 1 })).toBe('Đã khóa');
    expect(vi('lock', null)).toBe('Chưa khóa');
  });

  it('keeps what users typed as text, markup included, for the page to show as text', () => {
    expect(vi('direction', { text: '<img src=x onerror=alert(1)>', status: 'open' })).toBe(
      '<img src=x onerror=alert(1)> · Chưa thực hiện',
    );
    expect(vi('unit', { name: 'Trung tâm An toàn Mỏ' })).toBe('Trung tâm An toàn Mỏ');
  });

  it('writes a deadline as a date and a setting as data', () => {
    expect(vi('review', { deadline: '2023-07-10' })).toBe('Hạn nộp 10/07/2023');
    expect(vi('setting', { key: 'pace', value: { atRisk: 0.9 } })).toBe('{"atRisk":0.9}');
  });

  it('does not take a kind it does not know for one it knows', () => {
    expect(entityOf({ entity: 'something_new' })).toBeNull();
    expect(vi('something_new', { amount: 5 })).toBe('{"amount":5}');
  });
});
