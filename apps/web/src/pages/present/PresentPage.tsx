import { useQueries } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import type { Direction, ReportRecord, Summary, SummaryUnit } from '@targetline/contract';
import {
  formatAmountFull,
  formatAmountShort,
  formatPercent,
  formatQuarter,
  type Locale,
  type Quarter,
} from '@targetline/core';
import {
  type ReactNode,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useSyncExternalStore,
} from 'react';
import { useTranslation } from 'react-i18next';
import { useDirectionsQuery } from '../../api/directions';
import { useSummaryQuery } from '../../api/hooks';
import { reportQueries } from '../../api/queries';
import { useReviewQuery } from '../../api/review';
import { useShell } from '../../app/shell-context';
import { BulletBar } from '../../charts/BulletBar';
import { formatDateTime } from '../../i18n/format-date-time';
import { PaceStatusBadge } from '../../ui/PaceStatusBadge';
import { ErrorState, LoadingState, NoYearsState } from '../../ui/StateMessages';
import { buildSlides, clampSlide, gapRows, type Slide } from './slides';
import './present.css';

const onlineSubscribe = (onChange: () => void) => {
  window.addEventListener('online', onChange);
  window.addEventListener('offline', onChange);
  return () => {
    window.removeEventListener('online', onChange);
    window.removeEventListener('offline', onChange);
  };
};

/**
 * The review meeting on a projector at `/present?year=2023&quarter=1&slide=3`: the slides of
 * one quarter, driven by the keys a presentation clicker sends. What was loaded stays on
 * screen when the network drops, with the time it was loaded.
 */
export function PresentRoute() {
  const { year, locale } = useShell();
  const search = useSearch({ from: '/present' });
  if (year === undefined) return <NoYearsState />;
  return <Presentation year={year} quarter={search.quarter} slide={search.slide} locale={locale} />;
}

function Presentation({
  year,
  quarter: requested,
  slide: requestedSlide,
  locale,
}: {
  year: number;
  quarter: Quarter | undefined;
  slide: number | undefined;
  locale: Locale;
}) {
  const summaryQuery = useSummaryQuery(year, requested);
  if (summaryQuery.isPending) return <LoadingState />;
  if (summaryQuery.isError && summaryQuery.data === undefined) {
    return <ErrorState error={summaryQuery.error} onRetry={() => void summaryQuery.refetch()} />;
  }
  return (
    <Deck
      summary={summaryQuery.data}
      loadedAt={summaryQuery.dataUpdatedAt}
      hasFailed={summaryQuery.isError}
      requestedSlide={requestedSlide}
      locale={locale}
    />
  );
}

function Deck({
  summary,
  loadedAt,
  hasFailed,
  requestedSlide,
  locale,
}: {
  summary: Summary;
  loadedAt: number;
  hasFailed: boolean;
  requestedSlide: number | undefined;
  locale: Locale;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate({ from: '/present' });
  const quarter = summary.selectedQuarter;
  const reviewQuery = useReviewQuery(summary.year, quarter);
  const directionsQuery = useDirectionsQuery({ year: summary.year, quarter });
  const reportingUnitIds = useMemo(
    () => reviewQuery.data?.units.map((unit) => unit.unitId) ?? [],
    [reviewQuery.data],
  );
  const reportResults = useQueries({
    queries: reportingUnitIds.map((unitId) =>
      reportQueries.unit({ unitId, year: summary.year, quarter }),
    ),
  });
  const reports = new Map<number, ReportRecord>();
  for (const query of reportResults) if (query.data) reports.set(query.data.unitId, query.data);
  const slides = useMemo(
    () => buildSlides({ units: summary.units, reportingUnitIds }),
    [summary, reportingUnitIds],
  );
  const current = clampSlide(requestedSlide, slides.length);
  const deckRef = useRef<HTMLDivElement>(null);

  const go = useCallback(
    (slide: number) =>
      void navigate({
        search: (previous) => ({ ...previous, slide: clampSlide(slide, slides.length) }),
        replace: true,
      }),
    [navigate, slides.length],
  );
  const leave = useCallback(
    () => void navigate({ to: '/', search: { asOf: quarter } }),
    [navigate, quarter],
  );
  // What presentation clickers send: arrows, Space and Page Up/Down; Home/End; Esc leaves
  // (in full screen the browser takes the first Esc to leave full screen).
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest('input, textarea, select')) return;
      const moves: Record<string, () => void> = {
        ArrowRight: () => go(current + 1),
        ArrowDown: () => go(current + 1),
        PageDown: () => go(current + 1),
        ' ': () => go(event.shiftKey ? current - 1 : current + 1),
        ArrowLeft: () => go(current - 1),
        ArrowUp: () => go(current - 1),
        PageUp: () => go(current - 1),
        Home: () => go(1),
        End: () => go(slides.length),
        Escape: () => {
          if (!document.fullscreenElement) leave();
        },
      };
      const move = moves[event.key];
      if (move) {
        event.preventDefault();
        move();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [current, go, leave, slides.length]);

  const isOnline = useSyncExternalStore(
    onlineSubscribe,
    () => navigator.onLine,
    () => true,
  );
  const isStale = !isOnline || hasFailed || reviewQuery.isError;
  const slide = slides[current - 1] ?? slides[0];
  const root = summary.units.find((unit) => unit.parentId === null) ?? summary.units[0];

  return (
    <div className="present" ref={deckRef}>
      <div className="present__bar">
        <Link to="/" search={{ asOf: quarter }} className="present__exit">
          {t('present.exit')}
        </Link>
        <button type="button" onClick={() => void deckRef.current?.requestFullscreen?.()}>
          {t('present.fullscreen')}
        </button>
        <span className="present__keys">{t('present.keys')}</span>
      </div>
      {isStale && (
        <p className="present__offline" role="status">
          <span aria-hidden="true">⚠ </span>
          {t('present.offline', { at: formatDateTime(new Date(loadedAt).toISOString(), locale) })}
        </p>
      )}
      <section
        className="present__slide"
        aria-roledescription="slide"
        aria-label={t('present.counter', { n: current, total: slides.length })}
      >
        {slide && root && (
          <SlideView
            slide={slide}
            summary={summary}
            root={root}
            reports={reports}
            reportingUnitIds={reportingUnitIds}
            directions={directionsQuery.data ?? []}
            locale={locale}
          />
        )}
      </section>
      <nav className="present__nav" aria-label={t('present.slides')}>
        <button type="button" onClick={() => go(current - 1)} disabled={current <= 1}>
          <span aria-hidden="true">← </span>
          {t('present.previous')}
        </button>
        <span className="present__counter" aria-live="polite">
          {t('present.counter', { n: current, total: slides.length })}
        </span>
        <button type="button" onClick={() => go(current + 1)} disabled={current >= slides.length}>
          {t('present.next')}
          <span aria-hidden="true"> →</span>
        </button>
      </nav>
    </div>
  );
}

function SlideView({
  slide,
  summary,
  root,
  reports,
  reportingUnitIds,
  directions,
  locale,
}: {
  slide: Slide;
  summary: Summary;
  root: SummaryUnit;
  reports: ReadonlyMap<number, ReportRecord>;
  reportingUnitIds: readonly number[];
  directions: readonly Direction[];
  locale: Locale;
}) {
  const { t } = useTranslation();
  const quarter = summary.selectedQuarter;
  const quarterLabel = formatQuarter(quarter, summary.year, locale);
  const codeOf = (unitId: number) =>
    summary.units.find((unit) => unit.unitId === unitId)?.code ?? String(unitId);

  switch (slide.kind) {
    case 'title':
      return (
        <div className="present__title">
          <p className="present__organisation">{root.name}</p>
          <h1>{t('present.title', { quarter: quarterLabel })}</h1>
          <p>{t('present.subtitle')}</p>
        </div>
      );
    case 'headline': {
      const analysis = root.analysis;
      const values = {
        quarter: quarterLabel,
        actual: formatAmountShort(root.quarters[quarter - 1]?.actual ?? null, locale),
        ytd: formatAmountShort(analysis.ytdActual, locale),
        percent: formatPercent(analysis.achieved, locale),
        plan: formatAmountShort(root.annualPlan, locale),
      };
      return (
        <div>
          <h2>{root.name}</h2>
          <p className="present__headline">
            {t(quarter === 1 ? 'present.headlineFirst' : 'present.headline', values)}
          </p>
          <ul className="present__facts">
            <li>
              {t('present.status')}
              <PaceStatusBadge status={analysis.status} />
              {analysis.pace !== null &&
                ` · ${t('present.pace', { pace: formatPercent(analysis.pace, locale) })}`}
            </li>
            {analysis.stillNeeded !== null && (
              <li>
                {t('present.stillNeeded', {
                  amount: formatAmountShort(analysis.stillNeeded, locale),
                  perQuarter: formatAmountShort(analysis.neededPerQuarter, locale),
                })}
              </li>
            )}
            {analysis.missingUnitIds.length > 0 && (
              <li>
                {t('present.partial', { units: analysis.missingUnitIds.map(codeOf).join(', ') })}
              </li>
            )}
            {analysis.isEstimate && <li>{t('present.estimate')}</li>}
          </ul>
        </div>
      );
    }
    case 'unit': {
      const unit = summary.units.find((candidate) => candidate.unitId === slide.unitId);
      if (!unit) return null;
      const q = unit.quarters[quarter - 1];
      const report = reports.get(unit.unitId);
      const hasReported = report && (report.state === 'submitted' || report.state === 'approved');
      const words = { actual: t('present.actual'), target: t('present.target') };
      return (
        <div className="present__unit">
          <h2>
            {unit.name} <span className="present__code">{unit.code}</span>
          </h2>
          <div className="present__charts">
            <BulletBar
              label={t('present.quarterVsTarget', { quarter: quarterLabel })}
              actual={q?.actual ?? null}
              target={q?.target ?? null}
              achieved={q?.achieved ?? null}
              locale={locale}
              words={words}
            />
            <BulletBar
              label={t('present.yearVsPlan')}
              actual={unit.analysis.ytdActual}
              target={unit.annualPlan}
              achieved={unit.analysis.achieved}
              locale={locale}
              words={{ actual: words.actual, target: t('present.plan') }}
            />
          </div>
          <p className="present__status">
            <PaceStatusBadge status={unit.analysis.status} />
            {unit.analysis.pace !== null &&
              ` · ${t('present.pace', { pace: formatPercent(unit.analysis.pace, locale) })}`}
          </p>
          {report && hasReported ? (
            <dl className="present__report">
              <ReportPart title={t('present.results')} text={report.results} />
              <ReportPart title={t('present.difficulties')} text={report.difficulties} />
              <ReportPart title={t('present.proposals')} text={report.proposals} />
            </dl>
          ) : (
            <p className="present__note">{t('present.noReport')}</p>
          )}
        </div>
      );
    }
    case 'gap':
      return (
        <div>
          <h2>{t('present.gapTitle')}</h2>
          <table className="present__table">
            <thead>
              <tr>
                <th scope="col">{t('present.gapUnit')}</th>
                <th scope="col" className="num">
                  {t('present.gapStillNeeded')}
                </th>
                <th scope="col" className="num">
                  {t('present.gapPerQuarter')}
                </th>
              </tr>
            </thead>
            <tbody>
              {gapRows(summary.units, reportingUnitIds).map((unit) => (
                <tr key={unit.unitId}>
                  <th scope="row">{unit.name}</th>
                  <td className="num" title={formatAmountFull(unit.analysis.stillNeeded, locale)}>
                    {formatAmountShort(unit.analysis.stillNeeded, locale)}
                  </td>
                  <td
                    className="num"
                    title={formatAmountFull(unit.analysis.neededPerQuarter, locale)}
                  >
                    {formatAmountShort(unit.analysis.neededPerQuarter, locale)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
    case 'next': {
      const next = quarter < 4 ? ((quarter + 1) as Quarter) : null;
      const nextLabel = next ? formatQuarter(next, summary.year, locale) : '';
      return (
        <div>
          <h2>{next ? t('present.nextTitle', { quarter: nextLabel }) : t('present.directions')}</h2>
          {next ? (
            <table className="present__table">
              <tbody>
                {[root, ...reportingUnitIds.map((id) => summary.units.find((u) => u.unitId === id))]
                  .filter((unit): unit is SummaryUnit => unit !== undefined)
                  .map((unit) => (
                    <tr key={unit.unitId}>
                      <th scope="row">{unit.name}</th>
                      <td className="num">
                        {formatAmountShort(unit.quarters[next - 1]?.target ?? null, locale)}
                      </td>
                    </tr>
                  ))}
              </tbody>
            </table>
          ) : (
            <p>{t('present.noNextQuarter')}</p>
          )}
          <h3>{t('present.directions')}</h3>
          {directions.length === 0 ? (
            <p className="present__note">{t('present.noDirections')}</p>
          ) : (
            <ul className="present__directions">
              {directions.map((direction) => (
                <li key={direction.id}>
                  <strong>{direction.unitName ?? t('present.wholeInstitute')}</strong>:{' '}
                  {direction.text}{' '}
                  <span className="present__note">
                    ({formatQuarter(direction.dueQuarter, direction.dueYear, locale)})
                  </span>
                </li>
              ))}
            </ul>
          )}
        </div>
      );
    }
  }
}

function ReportPart({ title, text }: { title: string; text: string }): ReactNode {
  if (text.trim() === '') return null;
  return (
    <div>
      <dt>{title}</dt>
      <dd>{text}</dd>
    </div>
  );
}
