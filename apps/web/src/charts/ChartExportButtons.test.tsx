import { WORDS } from '@targetline/core';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createI18n } from '../i18n/i18n';
import { summary2023 } from '../test/fixtures';
import { ForecastPanel } from './ForecastChart';

const chartExport = vi.hoisted(() => ({
  exportChart: vi.fn(async ({ fileName }: { fileName: string }) => ({
    fileName,
    isFontEmbedded: true,
  })),
}));

vi.mock('./export', async (importOriginal) => ({
  ...(await importOriginal<typeof import('./export')>()),
  ...chartExport,
}));

afterEach(() => vi.clearAllMocks());

describe('every chart exports', () => {
  it('exports the forecast chart as PNG and SVG with its own heading, legend and file name', async () => {
    render(
      <I18nextProvider i18n={createI18n('vi', WORDS)}>
        <ForecastPanel
          units={summary2023.units}
          year={2023}
          locale="vi"
          chartSize={{ width: 800, height: 300 }}
        />
      </I18nextProvider>,
    );
    const user = userEvent.setup();
    const title = 'Doanh thu theo quý và dự báo cả năm – Viện Khoa học Công nghệ Mỏ – Vinacomin';
    await user.click(screen.getByRole('button', { name: /^Biểu đồ PNG/ }));
    await waitFor(() => expect(chartExport.exportChart).toHaveBeenCalledTimes(1));
    const svg = screen.getByRole('button', {
      name: /^Biểu đồ SVG/,
    });
    await waitFor(() => expect(svg).toBeEnabled());
    await user.click(svg);
    await waitFor(() => expect(chartExport.exportChart).toHaveBeenCalledTimes(2));
    const [png] = chartExport.exportChart.mock.calls[0] ?? [];
    expect(png).toMatchObject({
      format: 'png',
      title,
      fileName:
        'targetline-2023-q1-doanh-thu-theo-quy-va-du-bao-ca-nam-vien-khoa-hoc-cong-nghe-mo-vinacomin.png',
    });
    expect((png as unknown as { container: HTMLElement }).container.dataset.chart).toBe('forecast');
    expect(
      (png as unknown as { legend: { label: string }[] }).legend.map((item) => item.label),
    ).toEqual([
      'Chỉ tiêu',
      'Thực hiện',
      'Theo nhịp hiện nay (cả năm: 52 tỷ đồng)',
      'Bình quân mỗi quý còn lại (55,7 tỷ đồng)',
    ]);
    expect(chartExport.exportChart.mock.calls[1]?.[0]).toMatchObject({ format: 'svg' });
  });
});
