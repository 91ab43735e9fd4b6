import { formatQuarter, type Locale, type YearSummary } from '@targetline/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LegendItem } from '../../charts/export';
import { chartErrorMessage, formatExportDate } from '../../charts/export-messages';

type Props = {
  summary: YearSummary;
  locale: Locale;
};

/**
 * The achievement chart's quarters as its legend shows them. Same colours and patterns as
 * AchievementChart's bars, so the exported legend matches the drawn chart.
 */
const QUARTER_LEGEND = [
  { color: '#0072B2', pattern: 'solid' },
  { color: '#D55E00', pattern: 'stripes' },
  { color: '#009E73', pattern: 'dots' },
  { color: '#CC79A7', pattern: 'cross' },
] as const satisfies readonly Omit<LegendItem, 'label'>[];

/** The wrapper of the dashboard's achievement chart (other charts share its class, not this). */
const CHART_SELECTOR = '[data-chart="achievement"]';

/**
 * "Export": the server's Excel, CSV and PowerPoint files for the year shown (the deck as of
 * the latest quarter with figures), the achievement chart as PNG or SVG, and printing.
 * The chart exporter is loaded on the first click, so it is not in the first bundle.
 */
export function ExportToolbar({ summary, locale }: Props) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState<'png' | 'svg' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const { year } = summary;
  const quarter = summary.asOfQuarter ?? 1;
  const organisation =
    summary.units.find((unit) => unit.parentId === null)?.name ?? summary.units[0]?.name ?? '';

  async function exportImage(format: 'png' | 'svg') {
    setBusy(format);
    setError(null);
    setNote(null);
    try {
      const { exportChart, exportFileName } = await import('../../charts/export');
      const container = document.querySelector<HTMLElement>(CHART_SELECTOR);
      const title = t('chart.title');
      const subtitle =
        summary.asOfQuarter === null
          ? t('exportBar.subtitleNone', { year })
          : t('exportBar.subtitle', {
              year,
              quarter: formatQuarter(summary.asOfQuarter, year, locale),
            });
      const legend: LegendItem[] = QUARTER_LEGEND.map((style, index) => ({
        ...style,
        label: formatQuarter((index + 1) as 1 | 2 | 3 | 4, year, locale),
      }));
      const footer = t('exportBar.footer', {
        organisation,
        date: formatExportDate(new Date(), locale),
      });
      if (!container) {
        const { ChartExportError } = await import('../../charts/export');
        throw new ChartExportError('NO_CHART', 'No achievement chart on the page');
      }
      const result = await exportChart({
        container,
        format,
        title,
        subtitle,
        legend,
        footer,
        fileName: exportFileName({ kind: format, year, quarter: summary.asOfQuarter, locale }),
      });
      if (!result.isFontEmbedded) setNote(t('exportBar.noFont'));
    } catch (cause) {
      setError(chartErrorMessage(cause, t));
    } finally {
      setBusy(null);
    }
  }

  const lang = `lang=${locale}`;
  return (
    <section className="export-toolbar" aria-label={t('exportBar.title')}>
      <span className="export-toolbar__title" aria-hidden="true">
        {t('exportBar.title')}
      </span>
      <a
        className="button-secondary"
        href={`/api/export/summary.xlsx?year=${year}&${lang}`}
        download
      >
        {t('exportBar.xlsx')}
      </a>
      <a
        className="button-secondary"
        href={`/api/export/summary.csv?year=${year}&${lang}`}
        download
      >
        {t('exportBar.csv')}
      </a>
      <a
        className="button-secondary"
        href={`/api/export/deck.pptx?year=${year}&quarter=${quarter}&${lang}`}
        download
      >
        {t('exportBar.pptx')}
      </a>
      <a
        className="button-secondary"
        href={`/api/export/review.docx?year=${year}&quarter=${quarter}&${lang}`}
        download
      >
        {t('exportBar.docx')}
      </a>
      <button
        type="button"
        className="button-secondary"
        disabled={busy !== null}
        aria-busy={busy === 'png'}
        onClick={() => void exportImage('png')}
      >
        {t('exportBar.png')}
      </button>
      <button
        type="button"
        className="button-secondary"
        disabled={busy !== null}
        aria-busy={busy === 'svg'}
        onClick={() => void exportImage('svg')}
      >
        {t('exportBar.svg')}
      </button>
      <button type="button" className="button-secondary" onClick={() => window.print()}>
        {t('exportBar.print')}
      </button>
      <span className="export-toolbar__status" role="status" aria-live="polite">
        {busy !== null && t('exportBar.busy')}
        {busy === null && note}
      </span>
      {error && (
        <p className="export-toolbar__error form-message form-message--error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
