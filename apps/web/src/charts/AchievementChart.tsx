import { formatPercent, type Locale } from '@targetline/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type {
  AchievementChartData,
  AchievementChartRow,
  QuarterKey,
} from './build-achievement-chart-data';

/**
 * Okabe–Ito colours, told apart with the common colour-vision deficiencies,
 * each with its own fill pattern so the quarters differ in print and on a
 * washed-out projector too.
 */
const QUARTER_STYLE: Record<
  QuarterKey,
  { color: string; pattern: 'solid' | 'stripes' | 'dots' | 'cross' }
> = {
  q1: { color: '#0072B2', pattern: 'solid' },
  q2: { color: '#D55E00', pattern: 'stripes' },
  q3: { color: '#009E73', pattern: 'dots' },
  q4: { color: '#CC79A7', pattern: 'cross' },
};

type Props = {
  data: AchievementChartData;
  locale: Locale;
  /**
   * 'columns': units along the bottom (wide screens). 'bars': units down the side,
   * bars growing to the right, so that a phone shows every unit without scrolling.
   */
  layout?: 'columns' | 'bars';
  /** Fixed size (tests, print). Without it the chart fills its container. */
  width?: number;
  height?: number;
};

function PatternDefs({ idPrefix }: { idPrefix: string }) {
  return (
    <defs>
      {(Object.keys(QUARTER_STYLE) as QuarterKey[]).map((key) => {
        const { color, pattern } = QUARTER_STYLE[key];
        const id = `${idPrefix}-${key}`;
        return (
          <pattern key={key} id={id} width="8" height="8" patternUnits="userSpaceOnUse">
            <rect width="8" height="8" fill={color} fillOpacity={pattern === 'solid' ? 1 : 0.35} />
            {pattern === 'stripes' && (
              <path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" stroke={color} strokeWidth="2.5" />
            )}
            {pattern === 'dots' && <circle cx="4" cy="4" r="2.2" fill={color} />}
            {pattern === 'cross' && <path d="M0,4 h8 M4,0 v8" stroke={color} strokeWidth="2" />}
          </pattern>
        );
      })}
    </defs>
  );
}

/** Draws the chart data; all figures and names arrive ready in `data`. */
/** Height of one unit's group of bars in the 'bars' layout. */
const BAR_GROUP_HEIGHT = 60;

export function AchievementChart({ data, locale, layout = 'columns', width, height }: Props) {
  const { t } = useTranslation();
  const idPrefix = `achievement-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const formatTick = (value: number) => formatPercent(value, locale, 0);
  const isBars = layout === 'bars';
  const chartHeight = height ?? (isBars ? data.rows.length * BAR_GROUP_HEIGHT + 110 : 360);
  const tick = { fontSize: 13, fill: '#1b1f24' };
  const percentAxis = {
    type: 'number' as const,
    tickFormatter: formatTick,
    domain: [0, data.yTicks.at(-1) ?? 1],
    ticks: data.yTicks,
    interval: 0 as const,
    tick,
  };

  const chart = (
    <BarChart
      width={width}
      height={width === undefined ? undefined : chartHeight}
      data={data.rows}
      layout={isBars ? 'vertical' : 'horizontal'}
      margin={{ top: 24, right: isBars ? 24 : 16, bottom: 8, left: isBars ? 0 : 8 }}
      barCategoryGap="18%"
      accessibilityLayer
    >
      <PatternDefs idPrefix={idPrefix} />
      <CartesianGrid
        strokeDasharray="3 3"
        vertical={isBars}
        horizontal={!isBars}
        stroke="#c8ccd2"
      />
      {isBars ? (
        <>
          <XAxis {...percentAxis} height={28} orientation="top" />
          <YAxis type="category" dataKey="code" interval={0} tick={tick} width={76} />
        </>
      ) : (
        <>
          <XAxis dataKey="code" interval={0} tick={tick} height={40} />
          <YAxis
            {...percentAxis}
            width={56}
            label={{
              value: t('chart.axisAchieved'),
              angle: -90,
              position: 'insideLeft',
              style: { textAnchor: 'middle', fill: '#1b1f24', fontSize: 13 },
            }}
          />
        </>
      )}
      <Tooltip
        // Long unit names wrap instead of pushing the page sideways on a phone.
        wrapperStyle={{ maxWidth: 'min(320px, 80vw)' }}
        contentStyle={{ whiteSpace: 'normal' }}
        formatter={(value, name) => [
          typeof value === 'number' ? formatPercent(value, locale) : String(value),
          name,
        ]}
        labelFormatter={(label, payload) => {
          const row = payload?.[0]?.payload as AchievementChartRow | undefined;
          return row ? `${row.code} – ${row.name}` : String(label);
        }}
      />
      <Legend wrapperStyle={{ fontSize: 14 }} />
      <ReferenceLine
        {...(isBars ? { x: 1 } : { y: 1 })}
        stroke="#1b1f24"
        strokeWidth={2}
        strokeDasharray="6 4"
        ifOverflow="extendDomain"
        label={{
          value: t('chart.target'),
          position: isBars ? 'insideBottomRight' : 'insideTopRight',
          fill: '#1b1f24',
          fontSize: 13,
        }}
      />
      {data.series.map((series) => {
        const style = QUARTER_STYLE[series.key];
        return (
          <Bar
            key={series.key}
            dataKey={series.key}
            name={series.name}
            fill={`url(#${idPrefix}-${series.key})`}
            stroke={style.color}
            strokeWidth={1.5}
            isAnimationActive={false}
          />
        );
      })}
    </BarChart>
  );

  if (width !== undefined) return chart;
  return (
    <ResponsiveContainer width="100%" height={chartHeight}>
      {chart}
    </ResponsiveContainer>
  );
}
