import type { SummaryUnit } from '@targetline/contract';
import {
  formatAmountCompact,
  formatAmountShort,
  formatQuarter,
  type Locale,
  type Quarter,
} from '@targetline/core';
import type { TFunction } from 'i18next';
import { useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { buildForecastChartData, type ForecastChartData } from './build-forecast-chart-data';
import { ChartExportButtons } from './ChartExportButtons';
import type { LegendItem } from './export';

type ChartProps = {
  data: ForecastChartData;
  locale: Locale;
  width?: number | undefined;
  height?: number | undefined;
};

// The notation of plan-versus-actual reports: last year grey, the plan outlined, the actual
// solid, the forecast hatched — told apart in black and white and by colour-blind readers.
const ACTUAL = '#0B4F8A';
const LAST_YEAR = '#A3A9B1';
const INK = '#1b1f24';
const NEEDED = '#1E6B3A';

/** Draws one unit's quarters: last year, the target, the actual or its forecast, what is needed. */
export function ForecastChart({ data, locale, width, height = 320 }: ChartProps) {
  const { t } = useTranslation();
  const hatchId = `forecast-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const tick = { fontSize: 13, fill: INK };
  const hasLastYear = data.rows.some((row) => row.lastYear !== undefined);
  const chart = (
    <ComposedChart
      width={width}
      height={width === undefined ? undefined : height}
      data={data.rows}
      margin={{ top: 16, right: 16, bottom: 8, left: 8 }}
      barGap={2}
      accessibilityLayer
    >
      <defs>
        <pattern id={hatchId} width="7" height="7" patternUnits="userSpaceOnUse">
          <rect width="7" height="7" fill="#ffffff" />
          <path d="M-1,1 l2,-2 M0,7 l7,-7 M6,8 l2,-2" stroke={ACTUAL} strokeWidth="2" />
        </pattern>
      </defs>
      <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#c8ccd2" />
      {/* The year is the page's; "Quý III/2023" four times over does not fit a phone's width. */}
      <XAxis
        dataKey="quarter"
        interval={0}
        tick={tick}
        tickFormatter={(quarter: Quarter) => formatQuarter(quarter, undefined, locale)}
      />
      <YAxis
        tick={tick}
        width={72}
        tickFormatter={(value: number) => formatAmountCompact(value, locale)}
      />
      <Tooltip
        labelFormatter={(quarter) => data.rows.find((row) => row.quarter === quarter)?.label}
        formatter={(value, name) => [
          typeof value === 'number' ? formatAmountShort(value, locale) : String(value),
          name,
        ]}
      />
      {hasLastYear && (
        <Bar
          dataKey="lastYear"
          stackId="lastYear"
          name={t('analysis.forecast.lastYear')}
          fill={LAST_YEAR}
          isAnimationActive={false}
        />
      )}
      <Bar
        dataKey="target"
        stackId="target"
        name={t('analysis.forecast.target')}
        fill="#ffffff"
        stroke={INK}
        strokeWidth={1.5}
        isAnimationActive={false}
      />
      {/* Each bar its own stack, so the slots keep this order; the actual up to the as-of
          quarter and the forecast after it share one. The key is drawn below the chart. */}
      <Bar
        dataKey="actual"
        stackId="actual"
        name={t('analysis.forecast.actual')}
        fill={ACTUAL}
        isAnimationActive={false}
      />
      {data.runRateForecast !== null && data.asOfQuarter < 4 && (
        <Bar
          dataKey="runRate"
          stackId="actual"
          name={t('analysis.forecast.runRate', {
            amount: formatAmountShort(data.runRateForecast, locale),
          })}
          fill={`url(#${hatchId})`}
          stroke={ACTUAL}
          strokeWidth={1.5}
          isAnimationActive={false}
        />
      )}
      {data.neededPerQuarter !== null && (
        <Line
          dataKey="needed"
          name={t('analysis.forecast.needed', {
            amount: formatAmountShort(data.neededPerQuarter, locale),
          })}
          stroke={NEEDED}
          strokeWidth={2}
          strokeDasharray="6 4"
          dot={{ r: 4 }}
          isAnimationActive={false}
        />
      )}
    </ComposedChart>
  );
  if (width !== undefined) return chart;
  return (
    <ResponsiveContainer width="100%" height={height}>
      {chart}
    </ResponsiveContainer>
  );
}

type PanelProps = {
  units: readonly SummaryUnit[];
  year: number;
  locale: Locale;
  /** A fixed unit (the unit page); without it a picker, defaulting to the root. */
  unitId?: number;
  chartSize?: { width: number; height: number } | undefined;
};

/** The forecast chart's legend as the chart draws it, for the exported file. */
type KeyItem = LegendItem & { swatch: 'grey' | 'outline' | 'solid' | 'hatched' | 'line' };

/** The forecast chart's key as the chart draws it: on screen below it, and in the file. */
function forecastKey(data: ForecastChartData, locale: Locale, t: TFunction): KeyItem[] {
  const items: KeyItem[] = [];
  if (data.rows.some((row) => row.lastYear !== undefined))
    items.push({ label: t('analysis.forecast.lastYear'), color: LAST_YEAR, swatch: 'grey' });
  items.push(
    { label: t('analysis.forecast.target'), color: '#ffffff', swatch: 'outline' },
    { label: t('analysis.forecast.actual'), color: ACTUAL, swatch: 'solid' },
  );
  if (data.runRateForecast !== null && data.asOfQuarter < 4) {
    items.push({
      label: t('analysis.forecast.runRate', {
        amount: formatAmountShort(data.runRateForecast, locale),
      }),
      color: ACTUAL,
      pattern: 'stripes',
      swatch: 'hatched',
    });
  }
  if (data.neededPerQuarter !== null) {
    items.push({
      label: t('analysis.forecast.needed', {
        amount: formatAmountShort(data.neededPerQuarter, locale),
      }),
      color: NEEDED,
      pattern: 'dots',
      swatch: 'line',
    });
  }
  return items;
}

const SWATCH_CLASS: Record<KeyItem['swatch'], string> = {
  grey: 'chart-key__swatch--solid-block',
  outline: 'chart-key__swatch--outline',
  solid: 'chart-key__swatch--solid-block',
  hatched: 'chart-key__swatch--hatched',
  line: 'chart-key__swatch--dashed-line',
};

/** The forecast chart in its panel, with a unit picker unless the unit is fixed. */
export function ForecastPanel({ units, year, locale, unitId, chartSize }: PanelProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const selectId = useId();
  const [picked, setPicked] = useState<number>();
  const frameRef = useRef<HTMLDivElement>(null);
  const unit =
    units.find((u) => u.unitId === (unitId ?? picked)) ??
    units.find((u) => u.parentId === null) ??
    units[0];
  const data = useMemo(
    () => (unit ? buildForecastChartData({ unit, year, locale }) : undefined),
    [unit, year, locale],
  );
  if (!unit || !data) return null;
  return (
    <section className="panel" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('analysis.forecast.title')}</h2>
      <p className="panel__description">
        {t('analysis.forecast.description', {
          quarter: formatQuarter(unit.analysis.asOfQuarter, year, locale),
        })}
      </p>
      {unitId === undefined && (
        <div className="field field--inline">
          <label htmlFor={selectId}>{t('analysis.forecast.unit')}</label>
          <select
            id={selectId}
            value={unit.unitId}
            onChange={(event) => setPicked(Number(event.target.value))}
          >
            {units.map((u) => (
              <option key={u.unitId} value={u.unitId}>
                {`${'\u00a0\u00a0'.repeat(u.depth)}${u.code} – ${u.name}`}
              </option>
            ))}
          </select>
        </div>
      )}
      {data.hasValues ? (
        <>
          <div className="forecast-frame" data-chart="forecast" ref={frameRef}>
            <ForecastChart
              data={data}
              locale={locale}
              width={chartSize?.width}
              height={chartSize?.height}
            />
          </div>
          <ul className="chart-key" aria-label={t('analysis.forecast.title')}>
            {forecastKey(data, locale, t).map((item) => (
              <li key={item.label}>
                <span
                  className={`chart-key__swatch ${SWATCH_CLASS[item.swatch]}`}
                  style={item.swatch === 'line' ? undefined : { backgroundColor: item.color }}
                  aria-hidden="true"
                />
                {item.label}
              </li>
            ))}
          </ul>
          <ChartExportButtons
            containerRef={frameRef}
            title={`${t('analysis.forecast.title')} – ${unit.name}`}
            subtitle={t('analysis.forecast.description', {
              quarter: formatQuarter(unit.analysis.asOfQuarter, year, locale),
            })}
            legend={forecastKey(data, locale, t)}
            organisation={(units.find((u) => u.parentId === null) ?? unit).name}
            year={year}
            quarter={unit.analysis.asOfQuarter}
            locale={locale}
          />
        </>
      ) : (
        <p className="panel__empty">{t('analysis.forecast.empty')}</p>
      )}
    </section>
  );
}
