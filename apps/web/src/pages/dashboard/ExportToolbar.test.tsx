import { WORDS } from '@targetline/core';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createI18n } from '../../i18n/i18n';
import { summary2023 } from '../../test/fixtures';
import { ExportToolbar } from './ExportToolbar';

const chartExport = vi.hoisted(() => ({
  exportChart: vi.fn(async ({ fileName }: { fileName: string }) => ({
    fileName,
    isFontEmbedded: true,
  })),
  exportFileName: vi.fn(() => 'targetline-2023-q1-ty-le-hoan-thanh.png'),
}));

vi.mock('../../charts/export', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../charts/export')>()),
  ...chartExport,
}));

afterEach(() => {
  vi.clearAllMocks();
  document.body.innerHTML = '';
});

function renderToolbar(locale: 'vi' | 'en' = 'vi') {
  const chart = document.createElement('div');
  chart.className = 'chart-frame';
  chart.dataset.chart = 'achievement';
  document.body.append(chart);
  render(
    <I18nextProvider i18n={createI18n(locale, WORDS)}>
      <ExportToolbar summary={summary2023} locale={locale} />
    </I18nextProvider>,
  );
  return { chart, user: userEvent.setup() };
}

describe('ExportToolbar', () => {
  it('links the server files for the year shown, the latest quarter and the language', () => {
    renderToolbar('en');
    expect(screen.getByRole('link', { name: 'Excel (.xlsx)' })).toHaveAttribute(
      'href',
      '/api/export/summary.xlsx?year=2023&lang=en',
    );
    expect(screen.getByRole('link', { name: 'CSV' })).toHaveAttribute(
      'href',
      '/api/export/summary.csv?year=2023&lang=en',
    );
    expect(screen.getByRole('link', { name: 'PowerPoint' })).toHaveAttribute(
      'href',
      '/api/export/deck.pptx?year=2023&quarter=1&lang=en',
    );
    expect(screen.getByRole('link', { name: 'Word report (.docx)' })).toHaveAttribute(
      'href',
      '/api/export/review.docx?year=2023&quarter=1&lang=en',
    );
  });

  it('exports the chart through the lazily loaded module, with title, legend and footer', async () => {
    const { chart, user } = renderToolbar('vi');
    await user.click(screen.getByRole('button', { name: 'Biểu đồ PNG' }));
    await vi.waitFor(() => expect(chartExport.exportChart).toHaveBeenCalledOnce());
    const input = chartExport.exportChart.mock.calls[0]?.[0] as unknown as Record<string, unknown>;
    expect(input).toMatchObject({
      container: chart,
      format: 'png',
      title: 'Tỷ lệ hoàn thành chỉ tiêu quý theo đơn vị',
      subtitle: 'Năm 2023 · đến hết Quý I/2023',
      fileName: 'targetline-2023-q1-ty-le-hoan-thanh.png',
    });
    expect(input.footer).toMatch(
      /^Targetline · Viện Khoa học Công nghệ Mỏ – Vinacomin · xuất ngày \d\d\/\d\d\/\d{4}$/,
    );
    expect(input.legend).toEqual([
      { label: 'Quý I/2023', color: '#0072B2', pattern: 'solid' },
      { label: 'Quý II/2023', color: '#D55E00', pattern: 'stripes' },
      { label: 'Quý III/2023', color: '#009E73', pattern: 'dots' },
      { label: 'Quý IV/2023', color: '#CC79A7', pattern: 'cross' },
    ]);
    expect(chartExport.exportFileName).toHaveBeenCalledWith({
      kind: 'png',
      year: 2023,
      quarter: 1,
      locale: 'vi',
    });
    expect(screen.getByRole('button', { name: 'Biểu đồ PNG' })).toBeEnabled();
  });

  it('says in the UI language why the chart could not be exported', async () => {
    const { ChartExportError } = await import('../../charts/export');
    chartExport.exportChart.mockRejectedValueOnce(new ChartExportError('RASTERISE_FAILED', 'x'));
    const { user } = renderToolbar('en');
    await user.click(screen.getByRole('button', { name: 'Chart SVG' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The chart is too large for a PNG in this browser. Try SVG instead.',
    );
  });

  it('prints the page', async () => {
    const print = vi.fn();
    vi.stubGlobal('print', print);
    const { user } = renderToolbar('vi');
    await user.click(screen.getByRole('button', { name: 'In' }));
    expect(print).toHaveBeenCalledOnce();
  });
});
