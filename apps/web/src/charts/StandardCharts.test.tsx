import type { Summary, SummaryUnit } from '@targetline/contract';
import { WORDS } from '@targetline/core';
import { render, screen, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { createI18n } from '../i18n/i18n';
import { summary2023 } from '../test/fixtures';
import { BulletChartPanel } from './BulletChart';
import { signedLabel, VariancePanel } from './VarianceChart';

const inLanguage = (locale: 'vi' | 'en', node: React.ReactNode) =>
  render(<I18nextProvider i18n={createI18n(locale, WORDS)}>{node}</I18nextProvider>);

describe('the bullets', () => {
  it('names each unit with a plan and labels its actual with amount and share', () => {
    inLanguage(
      'vi',
      <BulletChartPanel summary={summary2023} locale="vi" isPhone={false} width={900} />,
    );
    const panel = screen.getByRole('region', {
      name: 'Thực hiện lũy kế so với kế hoạch năm, theo đơn vị',
    });
    expect(within(panel).getByText('13 tỷ · 7,2%')).toBeTruthy();
    expect(within(panel).getByText('1,5 tỷ · 7,4%')).toBeTruthy();
    // The key says what each shape is, in words.
    expect(within(panel).getByText('Kế hoạch năm (khung viền)')).toBeTruthy();
    expect(panel.textContent).toContain('từ 85% đến 100% chỉ tiêu lũy kế');
    expect(panel.textContent).not.toContain('chưa đủ số liệu');
  });

  it('stars a unit whose figures are not all in, and says so', () => {
    const [root, ...rest] = summary2023.units as [SummaryUnit, ...SummaryUnit[]];
    const partial: Summary = {
      ...summary2023,
      units: [{ ...root, analysis: { ...root.analysis, partialQuarters: [1] } }, ...rest],
    };
    inLanguage(
      'en',
      <BulletChartPanel summary={partial} locale="en" isPhone={false} width={900} />,
    );
    expect(screen.getByText('13 bn · 7.2% *')).toBeTruthy();
    expect(screen.getByText(/\* not all figures in/)).toBeTruthy();
  });
});

describe('the variances', () => {
  it('writes every sign, never only a colour', () => {
    expect(signedLabel(-7_000_000_000, -0.35, 'vi')).toBe('−7 tỷ · −35,0%');
    expect(signedLabel(413_000_000, 0.2065, 'en')).toBe('+413 m · +20.7%');
    expect(signedLabel(0, 0, 'en')).toBe('±0 · ±0.0%');
  });

  it('labels each unit against the target and last year, and says why a bar is missing', () => {
    inLanguage(
      'vi',
      <VariancePanel summary={summary2023} locale="vi" isPhone={false} width={600} />,
    );
    const target = screen.getByText('So với chỉ tiêu Quý I/2023').closest('figure');
    const lastYear = screen.getByText('So với cùng kỳ (Quý I/2022)').closest('figure');
    if (!target || !lastYear) throw new Error('figures expected');
    expect(within(target as HTMLElement).getByText('−7 tỷ · −35,0%')).toBeTruthy();
    expect(within(target as HTMLElement).getByText('+413 tr · +20,7%')).toBeTruthy();
    expect(within(lastYear as HTMLElement).getByText('+182 tr · +14,0%')).toBeTruthy();
    // The institute has no figure for Q1/2022 in the fixture: nothing to compare.
    expect(within(lastYear as HTMLElement).getAllByText('không có số so sánh').length).toBe(2);
  });
});
