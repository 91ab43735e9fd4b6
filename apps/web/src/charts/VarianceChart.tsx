import type { Summary } from '@targetline/contract';
import {
  formatAmountCompact,
  formatPercent,
  formatQuarter,
  type Locale,
  type Quarter,
} from '@targetline/core';
import { useId, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  LabelList,
  ReferenceLine,
  ResponsiveContainer,
  XAxis,
  YAxis,
} from 'recharts';
import { buildVarianceChartData, type VarianceChartData } from './build-variance-chart-data';
import { ChartExportButtons } from './ChartExportButtons';
import type { LegendItem } from './export';
import type { SummaryPanelProps } from './panel-props';
import { UnitNameTick } from './UnitNameTick';

const INK = '#1b1f24';
const ABOVE = '#1E6B3A';
const BELOW = '#B3261E';
const ROW_HEIGHT = 40;
const MINUS = '\u2212';

/** "+1,2 tỷ · +6,0%", "−7 tỷ · −35,0%": the sign always written, never only coloured. */
export function signedLabel(amount: number, share: number | undefined, locale: Locale): string {
  const sign = amount > 0 ? '+' : amount < 0 ? MINUS : '±';
  const text = `${sign}${formatAmountCompact(Math.abs(amount), locale)}`;
  if (share === undefined) return text;
  const shareSign = share > 0 ? '+' : share < 0 ? MINUS : '±';
  return `${text} · ${shareSign}${formatPercent(Math.abs(share), locale)}`;
}

type Kind = 'target' | 'lastYear';
const KEYS: Record<
  Kind,
  { value: 'vsTarget' | 'vsLastYear'; share: 'vsTargetShare' | 'vsLastYearShare' }
> = {
  target: { value: 'vsTarget', share: 'vsTargetShare' },
  lastYear: { value: 'vsLastYear', share: 'vsLastYearShare' },
};

type ChartProps = {
  data: VarianceChartData;
  kind: Kind;
  locale: Locale;
  nameWidth: number;
  /** A phone: codes rather than names, more room kept for the labels. */
  isCompact?: boolean;
  width?: number | undefined;
};

/**
 * Variance bars of one comparison, one row per unit: above to the right and solid, below to
 * the left and hatched, each labelled with its signed amount and share; a unit without a bar
 * says why (not all in, nothing to compare).
 */
export function VarianceChart({
  data,
  kind,
  locale,
  nameWidth,
  isCompact = false,
  width,
}: ChartProps) {
  const { t } = useTranslation();
  const patternId = `below-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const keys = KEYS[kind];
  const rows = data.rows.map((row) => ({
    ...row,
    value: row[keys.value],
    zero: 0,
    label:
      row[keys.value] === undefined
        ? t(row.missing[kind] === 'partial' ? 'varianceChart.partial' : 'varianceChart.none')
        : signedLabel(row[keys.value] as number, row[keys.share], locale),
  }));
  // Room for the labels beyond the longest bar on each side that has bars; a side with
  // none keeps a little room for the reasons written at the zero line.
  const values = rows.map((row) => row.value ?? 0);
  const extent = Math.max(1, ...values.map(Math.abs));
  const hasMissing = rows.some((row) => row.value === undefined);
  const room = isCompact ? 2.4 : 1.8;
  const domain: [number, number] = [
    Math.min(...values, 0) * room || (hasMissing ? 0 : -extent * 0.5),
    Math.max(...values, 0) * room || extent * (hasMissing ? 0.9 : 0.5),
  ];
  const height = rows.length * ROW_HEIGHT + 40;
  const chart = (
    <BarChart
      width={width}
      height={width === undefined ? undefined : height}
      data={rows}
      layout="vertical"
      margin={{ top: 8, right: 16, bottom: 8, left: 8 }}
      accessibilityLayer
    >
      <defs>
        <pattern id={patternId} width="6" height="6" patternUnits="userSpaceOnUse">
          <rect width="6" height="6" fill={BELOW} fillOpacity={0.25} />
          <path d="M-1,1 l2,-2 M0,6 l6,-6 M5,7 l2,-2" stroke={BELOW} strokeWidth="1.6" />
        </pattern>
      </defs>
      <CartesianGrid horizontal={false} strokeDasharray="3 3" stroke="#d5d9de" />
      {/* Room for the labels on both sides: the scale runs past the longest bar. */}
      <XAxis type="number" domain={domain} hide allowDataOverflow />
      <YAxis
        type="category"
        dataKey={isCompact ? 'code' : 'name'}
        interval={0}
        width={nameWidth * 7.4 + 12}
        tick={<UnitNameTick width={nameWidth} />}
      />
      {/* The reasons' layer on a category axis of its own, so it does not push the bars aside. */}
      <YAxis
        yAxisId="reasons"
        type="category"
        dataKey={isCompact ? 'code' : 'name'}
        hide
        width={0}
      />
      <ReferenceLine x={0} stroke={INK} strokeWidth={1.5} />
      <Bar dataKey="value" barSize={22} isAnimationActive={false}>
        {rows.map((row) => (
          <Cell
            key={row.unitId}
            fill={(row.value ?? 0) < 0 ? `url(#${patternId})` : ABOVE}
            stroke={(row.value ?? 0) < 0 ? BELOW : ABOVE}
          />
        ))}
        <LabelList
          dataKey="label"
          content={(props) => {
            const {
              x,
              y,
              width: w,
              height: h,
              value,
              index,
            } = props as {
              x: number;
              y: number;
              width: number;
              height: number;
              value: string;
              index: number;
            };
            const row = rows[index];
            if (!row || row.value === undefined) return null;
            const isBelow = row.value < 0;
            // A bar to the left is labelled on its left, one to the right on its right.
            const end = isBelow ? Math.min(x, x + w) : Math.max(x, x + w);
            return (
              <text
                x={end + (isBelow ? -6 : 6)}
                y={y + h / 2}
                dy={4}
                textAnchor={isBelow ? 'end' : 'start'}
                fontSize={13}
                fill={INK}
              >
                {value}
              </text>
            );
          }}
        />
      </Bar>
      {/* Units without a bar say why, at the zero line. */}
      <Bar
        yAxisId="reasons"
        dataKey="zero"
        barSize={1}
        minPointSize={1}
        fill="none"
        isAnimationActive={false}
      >
        <LabelList
          content={(props) => {
            const {
              x,
              y,
              height: h,
              index,
            } = props as {
              x: number;
              y: number;
              height: number;
              index: number;
            };
            const row = rows[index];
            if (!row || row.value !== undefined) return null;
            return (
              <text x={x + 6} y={y + h / 2} dy={4} fontSize={12} fill="#4a5058" fontStyle="italic">
                {row.label}
              </text>
            );
          }}
        />
      </Bar>
    </BarChart>
  );
  if (width !== undefined) return chart;
  return (
    <ResponsiveContainer width="100%" height={height}>
      {chart}
    </ResponsiveContainer>
  );
}

function VarianceFigure({
  summary,
  data,
  kind,
  title,
  empty,
  locale,
  isPhone,
  width,
}: {
  summary: Summary;
  data: VarianceChartData;
  kind: Kind;
  title: string;
  empty: string;
  locale: Locale;
  isPhone: boolean;
  width?: number | undefined;
}) {
  const { t } = useTranslation();
  const frameRef = useRef<HTMLDivElement>(null);
  const hasBars = kind === 'target' ? data.hasTarget : data.hasLastYear;
  const legend: LegendItem[] = [
    { label: t('varianceChart.above'), color: ABOVE },
    { label: t('varianceChart.below'), color: BELOW, pattern: 'stripes' },
  ];
  return (
    <figure className="variance">
      <figcaption className="variance__title">{title}</figcaption>
      {hasBars ? (
        <>
          <div
            className="chart-frame chart-frame--auto"
            data-chart={`variance-${kind}`}
            ref={frameRef}
          >
            <VarianceChart
              data={data}
              kind={kind}
              locale={locale}
              nameWidth={isPhone ? 9 : 24}
              isCompact={isPhone}
              width={width}
            />
          </div>
          <ChartExportButtons
            containerRef={frameRef}
            title={title}
            subtitle={t('varianceChart.description')}
            legend={legend}
            organisation={summary.units[0]?.name ?? ''}
            year={summary.year}
            quarter={summary.selectedQuarter}
            locale={locale}
          />
        </>
      ) : (
        <p className="panel__empty">{empty}</p>
      )}
    </figure>
  );
}

/** The selected quarter's variances against the target and against the same quarter last year. */
export function VariancePanel({ summary, locale, isPhone, width }: SummaryPanelProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const data = useMemo(() => buildVarianceChartData(summary), [summary]);
  const quarter: Quarter = summary.selectedQuarter;
  return (
    <section className="panel" aria-labelledby={titleId}>
      <h2 id={titleId}>
        {t('varianceChart.title', { quarter: formatQuarter(quarter, summary.year, locale) })}
      </h2>
      <p className="panel__description">{t('varianceChart.description')}</p>
      <div className="variance-grid">
        <VarianceFigure
          summary={summary}
          data={data}
          kind="target"
          title={t('varianceChart.vsTarget', {
            quarter: formatQuarter(quarter, summary.year, locale),
          })}
          empty={t('varianceChart.emptyTarget')}
          locale={locale}
          isPhone={isPhone}
          width={width}
        />
        <VarianceFigure
          summary={summary}
          data={data}
          kind="lastYear"
          title={t('varianceChart.vsLastYear', {
            quarter: formatQuarter(quarter, summary.year - 1, locale),
          })}
          empty={t('varianceChart.emptyLastYear')}
          locale={locale}
          isPhone={isPhone}
          width={width}
        />
      </div>
    </section>
  );
}
