import { formatAmountCompact, formatPercent, formatQuarter, type Locale } from '@targetline/core';
import type { TFunction } from 'i18next';
import { useId, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Bar,
  CartesianGrid,
  ComposedChart,
  LabelList,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import {
  type BulletChartData,
  type BulletChartRow,
  buildBulletChartData,
  MAX_BULLETS,
} from './build-bullet-chart-data';
import { ChartExportButtons } from './ChartExportButtons';
import type { LegendItem } from './export';
import type { SummaryPanelProps } from './panel-props';
import { UnitNameTick } from './UnitNameTick';

const INK = '#1b1f24';
const BAND = '#c9ced6';
const ROW_HEIGHT = 46;

type ChartProps = {
  data: BulletChartData;
  locale: Locale;
  /** Names take ~34 characters a line where there is room; a phone has less. */
  nameWidth: number;
  /** A phone: codes rather than names, fewer ticks, less room kept for the labels. */
  isCompact?: boolean;
  width?: number | undefined;
};

/** The upright mark of the cumulative target, at the end of its (invisible) bar. */
function ExpectedMark(props: { x?: number; y?: number; width?: number; height?: number }) {
  const { x = 0, y = 0, width = 0, height = 0 } = props;
  if (!(height > 0)) return null;
  return <rect x={x + width - 1.5} y={y} width={3} height={height} fill={INK} />;
}

/**
 * Bullets in the plan-versus-actual notation, one row per unit on the scale of its own plan:
 * the plan outlined, the actual solid, the cumulative target an upright mark, the at-risk zone
 * grey — told apart by shape, not colour, so it reads in black and white. Bars of different
 * widths overlap through axes of one scale (Recharts places bars of one axis side by side).
 */
export function BulletChart({ data, locale, nameWidth, isCompact = false, width }: ChartProps) {
  const { t } = useTranslation();
  const height = data.rows.length * ROW_HEIGHT + 48;
  const domain: [number, number] = [0, data.ticks.at(-1) ?? 1];
  const axisKey = isCompact ? 'code' : 'name';
  const layer = { type: 'category' as const, dataKey: axisKey, hide: true, width: 0 };
  const ticks = isCompact ? data.ticks.filter((tick) => (tick * 2) % 1 === 0) : data.ticks;
  const label = (row: BulletChartRow) =>
    t('bulletChart.label', {
      actual: formatAmountCompact(row.amounts.actual, locale),
      share: formatPercent(row.actual ?? null, locale),
    }) + (row.isPartial ? ' *' : '');
  const markOf = (value: string) =>
    data.rows.find((row) => row[axisKey] === value)?.isPartial ? ' *' : '';
  const chart = (
    <ComposedChart
      width={width}
      height={width === undefined ? undefined : height}
      data={data.rows}
      layout="vertical"
      margin={{ top: 8, right: isCompact ? 96 : 150, bottom: 8, left: 8 }}
      barGap={0}
      accessibilityLayer
    >
      <CartesianGrid horizontal={false} strokeDasharray="3 3" stroke="#d5d9de" yAxisId="band" />
      <XAxis
        type="number"
        domain={domain}
        ticks={ticks}
        interval={0}
        orientation="top"
        height={28}
        tick={{ fontSize: 13, fill: INK }}
        tickFormatter={(value: number) => formatPercent(value, locale, 0)}
      />
      {/* One hidden category axis per layer: bars of one axis are laid side by side, bars
          of different axes on top of each other, each centred on its row. */}
      <YAxis
        yAxisId="band"
        type="category"
        dataKey={axisKey}
        interval={0}
        width={nameWidth * 7.4 + 12}
        tick={<UnitNameTick width={nameWidth} markOf={markOf} />}
      />
      <YAxis yAxisId="plan" {...layer} />
      <YAxis yAxisId="expected" {...layer} />
      <YAxis yAxisId="actual" {...layer} />
      <Tooltip
        wrapperStyle={{ maxWidth: 'min(340px, 80vw)' }}
        contentStyle={{ whiteSpace: 'normal' }}
        formatter={(_value, name, item) => {
          const row = item.payload as BulletChartRow;
          if (name === t('bulletChart.actual'))
            return [
              `${formatAmountCompact(row.amounts.actual, locale)} (${formatPercent(row.actual ?? null, locale)})`,
              name,
            ];
          if (name === t('bulletChart.plan'))
            return [formatAmountCompact(row.amounts.plan, locale), name];
          if (name === t('bulletChart.expected'))
            return [
              `${formatAmountCompact(row.amounts.expected, locale)} (${formatPercent(row.expected ?? null, locale)})`,
              name,
            ];
          return [null, null];
        }}
      />
      <Bar
        yAxisId="band"
        dataKey="band"
        name={t('bulletChart.band')}
        fill={BAND}
        barSize={30}
        isAnimationActive={false}
        tooltipType="none"
      />
      <Bar
        yAxisId="plan"
        dataKey="plan"
        name={t('bulletChart.plan')}
        fill="none"
        stroke={INK}
        strokeWidth={1.5}
        barSize={30}
        isAnimationActive={false}
      >
        {/* The actual's amount and share, after the plan's outline, clear of the marks. */}
        <LabelList
          position="right"
          offset={8}
          fontSize={13}
          fill={INK}
          valueAccessor={(entry: { payload?: BulletChartRow }) =>
            entry.payload ? label(entry.payload) : ''
          }
        />
      </Bar>
      <Bar
        yAxisId="expected"
        dataKey="expected"
        name={t('bulletChart.expected')}
        fill="none"
        barSize={30}
        shape={<ExpectedMark />}
        isAnimationActive={false}
      />
      <Bar
        yAxisId="actual"
        dataKey="actual"
        name={t('bulletChart.actual')}
        fill={INK}
        barSize={12}
        isAnimationActive={false}
      />
    </ComposedChart>
  );
  if (width !== undefined) return chart;
  return (
    <ResponsiveContainer width="100%" height={height}>
      {chart}
    </ResponsiveContainer>
  );
}

/** The bullets' legend as drawn, for the exported file. */
function bulletLegend(t: TFunction): LegendItem[] {
  return [
    { label: t('bulletChart.actual'), color: INK },
    { label: t('bulletChart.plan'), color: '#ffffff' },
    { label: t('bulletChart.expected'), color: INK, pattern: 'cross' },
    { label: t('bulletChart.band'), color: BAND },
  ];
}

/** The dashboard's panel: every unit against its own plan as of the selected quarter. */
export function BulletChartPanel({ summary, locale, isPhone, width }: SummaryPanelProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const frameRef = useRef<HTMLDivElement>(null);
  const data = useMemo(() => buildBulletChartData(summary), [summary]);
  const quarter = formatQuarter(summary.selectedQuarter, summary.year, locale);
  const description = t('bulletChart.description', {
    quarter,
    atRisk: formatPercent(summary.thresholds.atRisk, locale, 0),
    onTrack: formatPercent(summary.thresholds.onTrack, locale, 0),
  });
  return (
    <section className="panel" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('bulletChart.title')}</h2>
      <p className="panel__description">{description}</p>
      {data.rows.length === 0 ? (
        <p className="panel__empty">{t('bulletChart.empty')}</p>
      ) : (
        <>
          <div className="chart-frame chart-frame--auto" data-chart="bullets" ref={frameRef}>
            <BulletChart
              data={data}
              locale={locale}
              nameWidth={isPhone ? 9 : 34}
              isCompact={isPhone}
              width={width}
            />
          </div>
          <ul className="chart-key" aria-label={t('bulletChart.title')}>
            <li>
              <span className="chart-key__swatch chart-key__swatch--solid" aria-hidden="true" />
              {t('bulletChart.actual')}
            </li>
            <li>
              <span className="chart-key__swatch chart-key__swatch--outline" aria-hidden="true" />
              {t('bulletChart.plan')}
            </li>
            <li>
              <span className="chart-key__swatch chart-key__swatch--mark" aria-hidden="true" />
              {t('bulletChart.expected')}
            </li>
            <li>
              <span className="chart-key__swatch chart-key__swatch--band" aria-hidden="true" />
              {t('bulletChart.band')}
            </li>
          </ul>
          {data.rows.some((row) => row.isPartial) && (
            <p className="panel__note">{t('bulletChart.partial')}</p>
          )}
          {data.hiddenCount > 0 && (
            <p className="panel__note">
              {t('bulletChart.hidden', { shown: MAX_BULLETS - 1, count: data.hiddenCount })}
            </p>
          )}
          <ChartExportButtons
            containerRef={frameRef}
            title={t('bulletChart.title')}
            subtitle={description}
            legend={bulletLegend(t)}
            organisation={summary.units[0]?.name ?? ''}
            year={summary.year}
            quarter={summary.selectedQuarter}
            locale={locale}
          />
        </>
      )}
    </section>
  );
}
