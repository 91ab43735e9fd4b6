import type { Summary } from '@targetline/contract';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { summary2023 } from '../../test/fixtures';
import { jsonResponse, mockApi } from '../../test/mock-api';
import { renderApp } from '../../test/render';

// The whole app renders with its charts: on a busy CI machine that outlasts the 5 s default.
vi.setConfig({ testTimeout: 20_000 });

const sentence = () => document.querySelector('.headline-sentence')?.textContent;

describe('the headline sentence', () => {
  it('opens the dashboard with the institute’s Q1/2023 in the report’s words', async () => {
    mockApi();
    renderApp('vi');
    await screen.findByRole('table');
    expect(sentence()).toBe(
      'Quý I/2023: 13 tỷ đồng, đạt 7,2% kế hoạch năm (180 tỷ) · thấp hơn chỉ tiêu lũy kế 7 tỷ · cần bình quân 55,7 tỷ mỗi quý còn lại',
    );
  });

  it('follows the language of the UI', async () => {
    mockApi();
    const user = userEvent.setup();
    renderApp('vi');
    await screen.findByRole('table');
    await user.click(screen.getByRole('button', { name: 'EN' }));
    expect(sentence()).toBe(
      'Q1 2023: VND 13 bn, 7.2% of the annual plan (180 bn) · 7 bn below the cumulative target · 55.7 bn needed on average in each remaining quarter',
    );
  });

  it('gives no total for a partly reported quarter, but who has not reported', async () => {
    const partial: Summary = structuredClone(summary2023);
    const root = partial.units[0];
    if (!root) throw new Error('root expected');
    root.analysis = {
      ...root.analysis,
      pace: null,
      status: null,
      stillNeeded: null,
      neededPerQuarter: null,
      runRateForecast: null,
      targetProfileForecast: null,
      partialQuarters: [1],
      missingUnitIds: [3],
      unavailableReason: 'partly_reported',
    };
    mockApi((request) =>
      request.path === '/api/summary?year=2023' ? jsonResponse(partial) : undefined,
    );
    renderApp('vi');
    await screen.findByRole('table');
    expect(sentence()).toBe(
      'Quý I/2023: 1/2 đơn vị đã báo cáo; chưa báo cáo: Trung tâm An toàn Mỏ',
    );
    expect(sentence()).not.toContain('13 tỷ');
  });
});

describe('the forecast card', () => {
  it('says what each forecast assumes', async () => {
    mockApi();
    renderApp('en');
    await screen.findByRole('table');
    const card = screen.getByRole('region', { name: 'Year-end forecast' });
    expect(card).toHaveTextContent('Each remaining quarter brings as much as Q1.');
    expect(card).toHaveTextContent(
      'Each remaining quarter meets its target (Q2). A quarter without a target (Q3, Q4) is taken as a quarter of the annual plan.',
    );
    expect(card).toHaveTextContent('No complete earlier year to learn the seasons from.');
  });
});

describe('the what-if panel', () => {
  const result = () => document.querySelector('.what-if__result')?.textContent;

  it('gives the year-end, % of plan and status of the amounts typed, saving nothing', async () => {
    const { requests } = mockApi();
    const user = userEvent.setup();
    renderApp('vi');
    await screen.findByRole('table');
    // Nothing typed: Q2 at its target (30 bn), Q3 and Q4 at a quarter of the plan (45 bn):
    // 13 + 30 + 45 + 45 = 133 bn = 73.9% → behind.
    expect(result()).toContain('Cả năm: 133 tỷ đồng');
    expect(result()).toContain('đạt 73,9% kế hoạch năm');
    expect(result()).toContain('Chậm tiến độ');
    expect(result()).toContain('(Quý II, Quý III, Quý IV)');

    // 13 + 40 + 60 + 45 = 158 bn = 87.8% → at risk.
    await user.type(screen.getByLabelText('Dự kiến Quý II/2023'), '40 tỷ');
    await user.type(screen.getByLabelText('Dự kiến Quý III/2023'), '60 tỷ');
    expect(result()).toContain('Cả năm: 158 tỷ đồng');
    expect(result()).toContain('đạt 87,8% kế hoạch năm');
    expect(result()).toContain('Có nguy cơ chậm');
    expect(result()).toContain('(Quý IV)');

    // + Q4 70 bn: 183 bn = 101.7% → on track.
    await user.type(screen.getByLabelText('Dự kiến Quý IV/2023'), '70 tỷ');
    expect(result()).toContain('Cả năm: 183 tỷ đồng');
    expect(result()).toContain('đạt 101,7% kế hoạch năm');
    expect(result()).toContain('Đúng tiến độ');
    expect(result()).not.toContain('Quý chưa nhập số');
    expect(requests.filter((r) => r.method !== 'GET')).toEqual([]);
  });
});

describe('seasonal phasing', () => {
  it('proposes the plan phased by the seasons of earlier years, summing to the plan', async () => {
    const seasonal: Summary = structuredClone(summary2023);
    const root = seasonal.units[0];
    if (!root) throw new Error('root expected');
    root.forecasts = {
      ...root.forecasts,
      shares: [0.15, 0.55 / 3, 0.8 / 3, 0.4],
      assumptions: {
        ...root.forecasts.assumptions,
        seasonal: { method: 'seasonal', years: [2021, 2022] },
      },
    };
    mockApi((request) =>
      request.path === '/api/summary?year=2023' ? jsonResponse(seasonal) : undefined,
    );
    renderApp('vi');
    await screen.findByRole('table');
    // 180 bn × .15, .1833…, .2666…, .4 = 27 + 33 + 48 + 72 bn.
    expect(document.querySelector('.what-if__phased')?.textContent).toBe(
      'Kế hoạch năm phân bổ theo tính mùa vụ các năm 2021, 2022: Quý I 27 tỷ · Quý II 33 tỷ · Quý III 48 tỷ · Quý IV 72 tỷ',
    );
  });

  it('proposes nothing without earlier seasons', async () => {
    mockApi();
    renderApp('vi');
    await screen.findByRole('table');
    expect(document.querySelector('.what-if__phased')).toBeNull();
  });
});

describe('the cards', () => {
  const titles = () =>
    [...document.querySelectorAll('.cards .card__title')].map((title) => title.textContent);
  const cardValue = (title: string) =>
    [...document.querySelectorAll('.cards .card')]
      .find((card) => card.querySelector('.card__title')?.textContent === title)
      ?.querySelector('.card__value')?.textContent;

  it('come in the order a director asks: of the plan, pace, per quarter, year-end, then the rest', async () => {
    mockApi();
    renderApp('vi');
    await screen.findByRole('table');
    expect(titles()).toEqual([
      '% hoàn thành kế hoạch năm',
      'Tiến độ đến hết Quý I/2023',
      'Bình quân mỗi quý còn lại',
      'Dự báo cả năm',
      'Thực hiện Quý I/2023',
      'Lũy kế từ đầu năm',
      'Kế hoạch năm 2023',
      'Còn phải thực hiện',
    ]);
    // No earlier year to learn from: the year-end leads with the run-rate.
    expect(cardValue('Dự báo cả năm')).toBe('52 tỷ đồng');
  });

  it('lead the year-end with the forecast that was closest on earlier years', async () => {
    const seasonal: Summary = structuredClone(summary2023);
    const root = seasonal.units[0];
    if (!root) throw new Error('root expected');
    root.forecasts = {
      ...root.forecasts,
      seasonal: 130_000_000_000,
      backtest: { run_rate: 0.4, target_profile: null, seasonal: 0.05 },
      best: 'seasonal',
    };
    mockApi((request) =>
      request.path === '/api/summary?year=2023' ? jsonResponse(seasonal) : undefined,
    );
    renderApp('vi');
    await screen.findByRole('table');
    expect(cardValue('Dự báo cả năm')).toBe('130 tỷ đồng');
  });
});

describe('the plan form', () => {
  it('proposes quarter targets phased by the seasons of earlier years, saving nothing', async () => {
    const seasonal: Summary = structuredClone(summary2023);
    const root = seasonal.units[0];
    if (!root) throw new Error('root expected');
    root.forecasts = {
      ...root.forecasts,
      shares: [0.1, 0.2, 0.3, 0.4],
      assumptions: {
        ...root.forecasts.assumptions,
        seasonal: { method: 'seasonal', years: [2021, 2022] },
      },
    };
    const { writes } = mockApi((request) =>
      request.path === '/api/summary?year=2023' ? jsonResponse(seasonal) : undefined,
    );
    const user = userEvent.setup();
    renderApp('vi');
    await screen.findByRole('table');
    const form = screen.getByRole('region', { name: 'Giao kế hoạch năm 2023' });
    const annualPlan = await within(form).findByLabelText('Kế hoạch năm');
    await waitFor(() => expect(annualPlan).toHaveValue('180.000.000.000'));
    await user.click(within(form).getByRole('button', { name: 'Chia chỉ tiêu quý theo mùa vụ' }));
    // 180 bn at 10/20/30/40%: every đồng of the plan, nothing more.
    expect(within(form).getByLabelText(/^Chỉ tiêu Quý I\/2023/)).toHaveValue('18.000.000.000');
    expect(within(form).getByLabelText(/^Chỉ tiêu Quý IV\/2023/)).toHaveValue('72.000.000.000');
    expect(within(form).getByRole('status')).toHaveTextContent(
      'theo tỷ trọng các quý của năm 2021, 2022 (10% · 20% · 30% · 40%)',
    );
    expect(writes()).toEqual([]);

    // Without a plan there is nothing to phase: it says so and leaves the targets.
    await user.clear(annualPlan);
    await user.click(within(form).getByRole('button', { name: 'Chia chỉ tiêu quý theo mùa vụ' }));
    expect(within(form).getByRole('status')).toHaveTextContent('Nhập kế hoạch năm trước');
    expect(within(form).getByLabelText(/^Chỉ tiêu Quý I\/2023/)).toHaveValue('18.000.000.000');
  });

  it('offers no phasing for a unit without earlier seasons', async () => {
    mockApi();
    renderApp('vi');
    await screen.findByRole('table');
    const form = screen.getByRole('region', { name: 'Giao kế hoạch năm 2023' });
    await within(form).findByLabelText('Kế hoạch năm');
    expect(
      within(form).queryByRole('button', { name: 'Chia chỉ tiêu quý theo mùa vụ' }),
    ).toBeNull();
  });
});
