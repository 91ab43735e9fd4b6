import { formatPercent, type Locale } from '@targetline/core';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Bar,
  BarChart,
  CartesianGrid,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { HistoryChartRow } from './build-history-chart-data';
import { ChartExportButtons } from './ChartExportButtons';

type Props = {
  data: HistoryChartRow[];
  locale: Locale;
  /** Fixed size for tests (jsdom cannot measure); omitted in the app, where it fills its column. */
  size: { width: number; height: number } | undefined;
  /** What the exported file says: the heading, and whose figures of which years. */
  exportAs: { title: string; subtitle: string; organisation: string; year: number };
};

/** A unit's achievement of its annual plan, year by year, against the 100% line. */
export function HistoryChart({ data, locale, size, exportAs }: Props) {
  const { t } = useTranslation();
  const frameRef = useRef<HTMLDivElement>(null);
  const formatTick = (value: number) => formatPercent(value, locale, 0);
  const chart = (
    <BarChart
      width={size?.width}
      height={size ? 240 : undefined}
      data={data}
      margin={{ top: 16, right: 16, bottom: 8, left: 8 }}
      accessibilityLayer
    >
      <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#c8ccd2" />
      <XAxis dataKey="year" tick={{ fontSize: 13 }} />
      <YAxis tickFormatter={formatTick} width={56} tick={{ fontSize: 13 }} />
      <Tooltip formatter={(value) => formatPercent(Number(value), locale)} />
      <ReferenceLine y={1} stroke="#1b1f24" strokeDasharray="6 4" ifOverflow="extendDomain" />
      <Bar
        dataKey="achieved"
        name={t('analysis.unitPage.achieved')}
        fill="#0072B2"
        isAnimationActive={false}
      />
    </BarChart>
  );
  return (
    <>
      <div className="forecast-frame" data-chart="history" ref={frameRef}>
        {size ? (
          chart
        ) : (
          <ResponsiveContainer width="100%" height={240}>
            {chart}
          </ResponsiveContainer>
        )}
      </div>
      <ChartExportButtons
        containerRef={frameRef}
        title={exportAs.title}
        subtitle={exportAs.subtitle}
        legend={[{ label: t('analysis.unitPage.achieved'), color: '#0072B2' }]}
        organisation={exportAs.organisation}
        year={exportAs.year}
        quarter={null}
        locale={locale}
      />
    </>
  );
}
