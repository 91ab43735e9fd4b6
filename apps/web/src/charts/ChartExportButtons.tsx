import type { Locale, Quarter } from '@targetline/core';
import { type RefObject, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LegendItem } from './export';
import { chartErrorMessage, formatExportDate } from './export-messages';

type Props = {
  /** The element that holds the drawn chart. */
  containerRef: RefObject<HTMLElement | null>;
  /** The chart's heading, which the file repeats above the chart. */
  title: string;
  subtitle: string;
  /** The chart's legend as drawn (Recharts draws it outside the SVG). */
  legend: readonly LegendItem[];
  organisation: string;
  year: number;
  quarter: Quarter | null;
  locale: Locale;
};

/**
 * PNG and SVG of one chart, with its heading, legend and source line, as the dashboard's
 * achievement chart exports: any chart panel can offer it. The exporter loads on first use.
 */
export function ChartExportButtons({
  containerRef,
  title,
  subtitle,
  legend,
  organisation,
  year,
  quarter,
  locale,
}: Props) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState<'png' | 'svg' | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function exportImage(format: 'png' | 'svg') {
    setBusy(format);
    setError(null);
    try {
      const { ChartExportError, exportChart, exportFileName } = await import('./export');
      const container = containerRef.current;
      if (!container) throw new ChartExportError('NO_CHART', `No chart "${title}" on the page`);
      await exportChart({
        container,
        format,
        title,
        subtitle,
        legend: [...legend],
        footer: t('exportBar.footer', { organisation, date: formatExportDate(new Date(), locale) }),
        fileName: exportFileName({ kind: format, year, quarter, locale, chartName: title }),
      });
    } catch (cause) {
      setError(chartErrorMessage(cause, t));
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className="chart-export">
      {(['png', 'svg'] as const).map((format) => (
        <button
          key={format}
          type="button"
          className="button-secondary"
          disabled={busy !== null}
          aria-busy={busy === format}
          onClick={() => void exportImage(format)}
        >
          {t(format === 'png' ? 'exportBar.png' : 'exportBar.svg')}
          {/* The name says which chart, and starts with what is on the button. */}
          <span className="visually-hidden"> – {title}</span>
        </button>
      ))}
      {error && (
        <p className="form-message form-message--error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
