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
  Legend,
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

/** Draws one unit's quarters: actual bars, the target line and the dashed forecasts. */
export function ForecastChart({ data, locale, width, height = 320 }: ChartProps) {
  const { t } = useTranslation();
  const tick = { fontSize: 13, fill: '#1b1f24' };
  const chart = (
    <ComposedChart
      width={width}
      height={width === undefined ? undefined : height}
      data={data.rows}
      margin={{ top: 16, right: 16, bottom: 8, left: 8 }}
      accessibilityLayer
    >
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
      <Legend wrapperStyle={{ fontSize: 14 }} />
      <Bar
        dataKey="actual"
        name={t('analysis.forecast.actual')}
        fill="#0072B2"
        isAnimationActive={false}
      />
      <Line
        dataKey="target"
        name={t('analysis.forecast.target')}
        stroke="#1b1f24"
        strokeWidth={2}
        dot={{ r: 4 }}
        isAnimationActive={false}
      />
      {data.runRateForecast !== null && data.asOfQuarter < 4 && (
        <Line
          dataKey="runRate"
          name={t('analysis.forecast.runRate', {
            amount: formatAmountShort(data.runRateForecast, locale),
          })}
          stroke="#D55E00"
          strokeWidth={2}
          strokeDasharray="6 4"
          dot={{ r: 3 }}
          isAnimationActive={false}
        />
      )}
      {data.neededPerQuarter !== null && (
        <Line
          dataKey="needed"
          name={t('analysis.forecast.needed', {
            amount: formatAmountShort(data.neededPerQuarter, locale),
          })}
          stroke="#009E73"
          strokeWidth={2}
          strokeDasharray="2 4"
          dot={{ r: 3 }}
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
function forecastLegend(data: ForecastChartData, locale: Locale, t: TFunction): LegendItem[] {
  const items: LegendItem[] = [
    { label: t('analysis.forecast.actual'), color: '#0072B2' },
    { label: t('analysis.forecast.target'), color: '#1b1f24' },
  ];
  if (data.runRateForecast !== null && data.asOfQuarter < 4) {
    items.push({
      label: t('analysis.forecast.runRate', {
        amount: formatAmountShort(data.runRateForecast, locale),
      }),
      color: '#D55E00',
      pattern: 'stripes',
    });
  }
  if (data.neededPerQuarter !== null) {
    items.push({
      label: t('analysis.forecast.needed', {
        amount: formatAmountShort(data.neededPerQuarter, locale),
      }),
      color: '#009E73',
      pattern: 'dots',
    });
  }
  return items;
}

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
          <ChartExportButtons
            containerRef={frameRef}
            title={`${t('analysis.forecast.title')} – ${unit.name}`}
            subtitle={t('analysis.forecast.description', {
              quarter: formatQuarter(unit.analysis.asOfQuarter, year, locale),
            })}
            legend={forecastLegend(data, locale, t)}
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
