import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import type { Review, ReviewUnit } from '@targetline/contract';
import {
  canDirectReview,
  formatQuarter,
  type Locale,
  type Quarter,
  REPORT_STATES,
  type ReportState,
} from '@targetline/core';
import { type FormEvent, type ReactNode, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { useReminderSettingsQuery, useSaveReminderSettingsMutation } from '../../api/notifications';
import { useOpenRoundMutation, useYearReviewsQuery } from '../../api/review';
import { useShell } from '../../app/shell-context';
import { MeetingDirections } from '../../directions/Directions';
import { formatDate, formatDateTime } from '../../i18n/format-date-time';
import { actorOf, permissionsOf, useCurrentUser } from '../../session/current-user';
import { saveErrorMessage } from '../../ui/fields/save-error';
import { ErrorState, LoadingState, NoYearsState } from '../../ui/StateMessages';
import { hasReported, ReportStateBadge } from './report-state';
import './review.css';

const QUARTERS = [1, 2, 3, 4] as const;

/**
 * The quarter to show when the address names none: the latest with an open round, else the
 * current quarter of this calendar year, else the first.
 */
export function defaultReviewQuarter(
  year: number,
  rounds: ReadonlyArray<Pick<Review, 'quarter' | 'deadline'> | undefined>,
  today: Date,
): Quarter {
  const open = rounds.filter((round) => round?.deadline != null).map((round) => round?.quarter);
  const latest = open.at(-1);
  if (latest !== undefined) return latest;
  if (today.getFullYear() === year) return (Math.floor(today.getMonth() / 3) + 1) as Quarter;
  return 1;
}

/** The quarterly review at `/review?quarter=2&state=submitted`: the round's status board. */
export function ReviewRoute() {
  const { year, locale } = useShell();
  const search = useSearch({ from: '/review' });
  const navigate = useNavigate({ from: '/review' });
  if (year === undefined) {
    return <NoYearsState />;
  }
  return (
    <ReviewBoard
      key={year}
      year={year}
      locale={locale}
      quarter={search.quarter}
      stateFilter={search.state}
      onQuarterChange={(quarter) =>
        void navigate({ search: (previous) => ({ ...previous, quarter, state: undefined }) })
      }
      onFilterChange={(state) =>
        void navigate({ search: (previous) => ({ ...previous, state }), replace: true })
      }
    />
  );
}

function ReviewBoard({
  year,
  locale,
  quarter: requested,
  stateFilter,
  onQuarterChange,
  onFilterChange,
}: {
  year: number;
  locale: Locale;
  quarter: Quarter | undefined;
  stateFilter: ReportState | undefined;
  onQuarterChange: (quarter: Quarter) => void;
  onFilterChange: (state: ReportState | undefined) => void;
}) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const { units } = useShell();
  const queries = useYearReviewsQuery(year);
  const quarterId = useId();
  const titleId = useId();
  const rounds = queries.map((query) => query.data);
  const isPending = requested === undefined && queries.some((query) => query.isPending);
  const quarter = requested ?? defaultReviewQuarter(year, rounds, new Date());
  const query = queries[quarter - 1];
  const canOpen = canDirectReview(actorOf(user));
  const permissions = useMemo(() => permissionsOf(user, units), [user, units]);

  let body: ReactNode;
  if (isPending || query === undefined || query.isPending) body = <LoadingState />;
  else if (query.isError) {
    body = <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  } else {
    const review = query.data;
    // A lead's own units first; an admin, who may write every unit, finds them in the table.
    const ownUnits =
      user.role === 'unit_lead'
        ? review.units.filter((unit) => permissions.writableUnitIds.has(unit.unitId))
        : [];
    body = (
      <>
        <RoundStatus review={review} locale={locale} />
        {canOpen && (
          <div className="review__settings">
            <DeadlineForm key={review.quarter} review={review} locale={locale} />
            <ReminderDaysForm locale={locale} />
          </div>
        )}
        {ownUnits.length > 0 && (
          <ul className="review__own">
            {ownUnits.map((unit) => (
              <li key={unit.unitId}>
                <ReportLink
                  unitId={unit.unitId}
                  year={year}
                  quarter={quarter}
                  className="button-secondary"
                >
                  {t('reviewBoard.yourReport', { unit: unit.name })}
                </ReportLink>{' '}
                <ReportStateBadge state={unit.state} />
              </li>
            ))}
          </ul>
        )}
        <UnitsTable
          review={review}
          locale={locale}
          stateFilter={stateFilter}
          onFilterChange={onFilterChange}
        />
        <MeetingDirections year={year} quarter={quarter} units={units} locale={locale} />
      </>
    );
  }

  return (
    <section className="panel review" aria-labelledby={titleId}>
      <div className="review__head">
        <h2 id={titleId}>
          {t('reviewBoard.title', { quarter: formatQuarter(quarter, year, locale) })}
        </h2>
        <div className="field field--inline">
          <label htmlFor={quarterId}>{t('reviewBoard.quarter')}</label>
          <select
            id={quarterId}
            value={quarter}
            onChange={(event) => onQuarterChange(Number(event.target.value) as Quarter)}
          >
            {QUARTERS.map((option) => (
              <option key={option} value={option}>
                {formatQuarter(option, year, locale)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {body}
    </section>
  );
}

/** "6 of 9 units have reported", the deadline and who is late — or that no round is open. */
function RoundStatus({ review, locale }: { review: Review; locale: Locale }) {
  const { t } = useTranslation();
  const quarter = formatQuarter(review.quarter, review.year, locale);
  if (review.deadline === null) {
    return (
      <div className="review__status">
        <p className="review__headline">{t('reviewBoard.notOpen', { quarter })}</p>
        <p className="panel__note">{t('reviewBoard.notOpenHint')}</p>
      </div>
    );
  }
  const reported = review.units.filter((unit) => hasReported(unit.state)).length;
  const late = review.units.filter((unit) => unit.isLate);
  return (
    <div className="review__status">
      <p className="review__headline">
        {t('reviewBoard.reported', { reported, total: review.units.length })}
      </p>
      <p>{t('reviewBoard.deadline', { date: formatDate(review.deadline, locale) })}</p>
      <p className={late.length > 0 ? 'review__late' : undefined}>
        {late.length > 0 ? (
          <>
            <span aria-hidden="true">⚠ </span>
            {t('reviewBoard.late', { units: late.map((unit) => unit.code).join(', ') })}
          </>
        ) : (
          t('reviewBoard.noneLate')
        )}
      </p>
    </div>
  );
}

/** Directors and admins open the round with a deadline, or move it. */
function DeadlineForm({ review, locale }: { review: Review; locale: Locale }) {
  const { t } = useTranslation();
  const id = useId();
  const [deadline, setDeadline] = useState(review.deadline ?? '');
  const [message, setMessage] = useState<{ isError: boolean; text: string }>();
  const mutation = useOpenRoundMutation();
  const isOpen = review.deadline !== null;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(deadline)) {
      setMessage({ isError: true, text: t('reviewBoard.deadlineInvalid') });
      return;
    }
    mutation.mutate(
      { year: review.year, quarter: review.quarter, deadline, version: review.version },
      {
        onSuccess: (saved) =>
          setMessage({
            isError: false,
            text: t('reviewBoard.saved', { date: formatDate(saved.deadline ?? deadline, locale) }),
          }),
        onError: (error) =>
          setMessage({
            isError: true,
            text:
              error instanceof ApiError && error.status === 409
                ? t('reviewBoard.changed')
                : saveErrorMessage(error, t, locale),
          }),
      },
    );
  };

  return (
    <form className="review__deadline" onSubmit={onSubmit} noValidate>
      <div className="field field--inline">
        <label htmlFor={id}>{t('reviewBoard.deadlineLabel')}</label>
        <input
          id={id}
          type="date"
          value={deadline}
          onChange={(event) => setDeadline(event.target.value)}
          required
        />
      </div>
      <button type="submit" className="button-primary" disabled={mutation.isPending}>
        {isOpen ? t('reviewBoard.move') : t('reviewBoard.open')}
      </button>
      {message && (
        <p
          role={message.isError ? 'alert' : 'status'}
          className={message.isError ? 'field__hint field__hint--error' : 'field__hint'}
        >
          {message.text}
        </p>
      )}
    </form>
  );
}

/** How many days before the deadline the units that have not submitted are reminded. */
function ReminderDaysForm({ locale }: { locale: Locale }) {
  const query = useReminderSettingsQuery();
  if (query.isPending || query.isError) return null;
  // Not keyed by version: a save keeps the form, and its message, on screen.
  return <ReminderDaysFields settings={query.data} locale={locale} />;
}

function ReminderDaysFields({
  settings,
  locale,
}: {
  settings: { daysBefore: number; version: number };
  locale: Locale;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [days, setDays] = useState(String(settings.daysBefore));
  const [message, setMessage] = useState<{ isError: boolean; text: string }>();
  const mutation = useSaveReminderSettingsMutation();
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const daysBefore = Number(days);
    if (!/^\d{1,2}$/.test(days.trim()) || daysBefore < 1 || daysBefore > 30) {
      setMessage({ isError: true, text: t('reviewBoard.reminderInvalid') });
      return;
    }
    try {
      await mutation.mutateAsync({ daysBefore, version: settings.version });
      setMessage({ isError: false, text: t('reviewBoard.reminderSaved', { days: daysBefore }) });
    } catch (error) {
      setMessage({ isError: true, text: saveErrorMessage(error, t, locale) });
    }
  };
  return (
    <form className="review__deadline" onSubmit={(event) => void onSubmit(event)} noValidate>
      <div className="field field--inline">
        <label htmlFor={id}>{t('reviewBoard.reminderDays')}</label>
        <input
          id={id}
          type="text"
          inputMode="numeric"
          size={3}
          value={days}
          onChange={(event) => setDays(event.target.value)}
          aria-describedby={`${id}-hint`}
        />
      </div>
      <button type="submit" className="button-secondary" disabled={mutation.isPending}>
        {t('reviewBoard.reminderSave')}
      </button>
      <p id={`${id}-hint`} className="field__hint">
        {t('reviewBoard.reminderHint')}
      </p>
      {message && (
        <p
          role={message.isError ? 'alert' : 'status'}
          className={message.isError ? 'field__hint field__hint--error' : 'field__hint'}
        >
          {message.text}
        </p>
      )}
    </form>
  );
}

function ReportLink({
  unitId,
  year,
  quarter,
  className,
  children,
}: {
  unitId: number;
  year: number;
  quarter: Quarter;
  className?: string;
  children: ReactNode;
}) {
  return (
    <Link
      to="/reports/$unitId/$year/$quarter"
      params={{ unitId, year, quarter }}
      className={className}
    >
      {children}
    </Link>
  );
}

function UnitsTable({
  review,
  locale,
  stateFilter,
  onFilterChange,
}: {
  review: Review;
  locale: Locale;
  stateFilter: ReportState | undefined;
  onFilterChange: (state: ReportState | undefined) => void;
}) {
  const { t } = useTranslation();
  const filterId = useId();
  const rows = review.units.filter(
    (unit) => stateFilter === undefined || unit.state === stateFilter,
  );
  if (review.units.length === 0) {
    return <p className="panel__empty">{t('reviewBoard.noUnits', { year: review.year })}</p>;
  }
  const who = (name: string | null, at: string | null) =>
    name && at ? t('reviewBoard.by', { who: name, at: formatDateTime(at, locale) }) : '–';
  return (
    <>
      <div className="table-tools">
        <div className="field field--inline">
          <label htmlFor={filterId}>{t('reviewBoard.filter')}</label>
          <select
            id={filterId}
            value={stateFilter ?? ''}
            onChange={(event) =>
              onFilterChange((event.target.value || undefined) as ReportState | undefined)
            }
          >
            <option value="">{t('reviewBoard.all')}</option>
            {REPORT_STATES.map((state) => (
              <option key={state} value={state}>
                {t(`review.states.${state}`)}
              </option>
            ))}
          </select>
        </div>
        <p className="table-tools__count" aria-live="polite">
          {t('reviewBoard.showing', { shown: rows.length, total: review.units.length })}
        </p>
      </div>
      {rows.length === 0 ? (
        <p className="panel__empty">{t('reviewBoard.noMatch')}</p>
      ) : (
        <div className="table-scroll">
          <table className="summary-table review-table">
            <thead>
              <tr>
                <th scope="col">{t('reviewBoard.unit')}</th>
                <th scope="col">{t('reviewBoard.state')}</th>
                <th scope="col">{t('reviewBoard.basis')}</th>
                <th scope="col">{t('reviewBoard.submitted')}</th>
                <th scope="col">{t('reviewBoard.decided')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((unit) => (
                <UnitRow key={unit.unitId} unit={unit} review={review} who={who} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function UnitRow({
  unit,
  review,
  who,
}: {
  unit: ReviewUnit;
  review: Review;
  who: (name: string | null, at: string | null) => string;
}) {
  const { t } = useTranslation();
  return (
    <tr>
      <th scope="row">
        <ReportLink unitId={unit.unitId} year={review.year} quarter={review.quarter}>
          {unit.name}
        </ReportLink>
        <span className="unit-code">{unit.code}</span>
      </th>
      <td>
        <ReportStateBadge state={unit.state} />
        {unit.isLate && (
          <span className="review__late-badge">
            <span aria-hidden="true">⚠ </span>
            {t('reviewBoard.isLate')}
          </span>
        )}
        {unit.state === 'returned' && unit.returnReason && (
          <span className="cell-note">{unit.returnReason}</span>
        )}
      </td>
      <td>{unit.basis ? t(`review.basis.${unit.basis}`) : '–'}</td>
      <td>{who(unit.submittedBy, unit.submittedAt)}</td>
      <td>{who(unit.decidedBy, unit.decidedAt)}</td>
    </tr>
  );
}
