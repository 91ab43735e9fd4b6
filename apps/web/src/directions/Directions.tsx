import type { Direction } from '@targetline/contract';
import {
  canDecideDirection,
  canRecordDirection,
  canReportDirection,
  type DirectionStatus,
  formatQuarter,
  type Locale,
  nextQuarterOf,
  PROGRESS_STATUSES,
  type Quarter,
  type Unit,
} from '@targetline/core';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import {
  useDirectionsQuery,
  useMoveDirectionMutation,
  useRecordDirectionMutation,
} from '../api/directions';
import { actorOf, useCurrentUser } from '../session/current-user';
import { saveErrorMessage } from '../ui/fields/save-error';
import { ErrorState, LoadingState } from '../ui/StateMessages';
import './directions.css';

type Message = { isError: boolean; text: string };

/** A direction's save failed: a 409 on its version says someone changed it meanwhile. */
function useErrorText(locale: Locale) {
  const { t } = useTranslation();
  return (error: unknown) =>
    error instanceof ApiError && error.status === 409 && error.field === 'version'
      ? t('directions.conflict')
      : saveErrorMessage(error, t, locale);
}

function Feedback({ message }: { message: Message | undefined }) {
  if (!message) return null;
  return (
    <p
      role={message.isError ? 'alert' : 'status'}
      className={message.isError ? 'field__hint field__hint--error' : 'field__hint'}
    >
      {message.text}
    </p>
  );
}

/**
 * The directions of a quarter's meeting, on the review board: the list and, for directors,
 * the planning office and admins, the form that records one; directors and admins close them
 * or carry them over.
 */
export function MeetingDirections({
  year,
  quarter,
  units,
  locale,
}: {
  year: number;
  quarter: Quarter;
  units: readonly Unit[];
  locale: Locale;
}) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const actor = actorOf(user);
  const titleId = useId();
  const query = useDirectionsQuery({ year, quarter });
  return (
    <section className="directions" aria-labelledby={titleId}>
      <h3 id={titleId}>{t('directions.title')}</h3>
      {query.isPending ? (
        <LoadingState />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <DirectionTable
          directions={query.data}
          locale={locale}
          canDecide={canDecideDirection(actor)}
        />
      )}
      {canRecordDirection(actor) && (
        <DirectionForm
          key={`${year}-${quarter}`}
          year={year}
          quarter={quarter}
          units={units}
          locale={locale}
        />
      )}
    </section>
  );
}

/** The directions to a unit, whatever the meeting, on the unit's page. */
export function UnitDirections({ unitId, locale }: { unitId: number; locale: Locale }) {
  const { t } = useTranslation();
  const titleId = useId();
  const query = useDirectionsQuery({ unitId });
  if (query.isPending || query.isError || query.data.length === 0) return null;
  return (
    <section className="panel directions" aria-labelledby={titleId}>
      <h3 id={titleId}>{t('directions.unitTitle')}</h3>
      <DirectionTable directions={query.data} locale={locale} canDecide={false} />
    </section>
  );
}

/** In a unit's report: the directions due to it that quarter, each with the lead's progress. */
export function DueDirections({
  unitId,
  year,
  quarter,
  units,
  locale,
}: {
  unitId: number;
  year: number;
  quarter: Quarter;
  units: readonly Unit[];
  locale: Locale;
}) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const titleId = useId();
  const query = useDirectionsQuery({ unitId, dueYear: year, dueQuarter: quarter });
  // Beside the form, not in it: the form starts again with each version saved.
  const [messages, setMessages] = useState<Record<number, Message>>({});
  if (query.isPending || query.isError || query.data.length === 0) return null;
  const canReport = canReportDirection(actorOf(user), unitId, units);
  return (
    <section className="panel directions" aria-labelledby={titleId}>
      <h3 id={titleId}>{t('directions.dueTitle')}</h3>
      <ul className="directions__due">
        {query.data.map((direction) => (
          <li key={direction.id}>
            <p className="directions__text">{direction.text}</p>
            <p className="field__hint">
              {t('directions.fields.given')}{' '}
              {formatQuarter(direction.quarter, direction.year, locale)} ·{' '}
              {t(`directions.statuses.${direction.status}`)}
            </p>
            {canReport && direction.status !== 'closed' ? (
              <>
                <ProgressForm
                  // A saved or reloaded direction starts the form again from what the server holds.
                  key={direction.version}
                  direction={direction}
                  locale={locale}
                  onMessage={(message) =>
                    setMessages((previous) => ({ ...previous, [direction.id]: message }))
                  }
                />
                <Feedback message={messages[direction.id]} />
              </>
            ) : (
              direction.progressNote && <p>{direction.progressNote}</p>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function DirectionTable({
  directions,
  locale,
  canDecide,
}: {
  directions: readonly Direction[];
  locale: Locale;
  canDecide: boolean;
}) {
  const { t } = useTranslation();
  if (directions.length === 0) return <p className="panel__note">{t('directions.none')}</p>;
  return (
    <table className="directions__table">
      <thead>
        <tr>
          <th scope="col">{t('directions.fields.text')}</th>
          <th scope="col">{t('directions.fields.unit')}</th>
          <th scope="col">{t('directions.fields.due')}</th>
          <th scope="col">{t('directions.fields.status')}</th>
          <th scope="col">{t('directions.fields.progressNote')}</th>
          {canDecide && <th scope="col" aria-label={t('directions.actions.close')} />}
        </tr>
      </thead>
      <tbody>
        {directions.map((direction) => (
          <tr key={direction.id} data-direction={direction.id}>
            <td className="directions__text">{direction.text}</td>
            <td>{direction.unitName ?? t('directions.wholeInstitute')}</td>
            <td>{formatQuarter(direction.dueQuarter, direction.dueYear, locale)}</td>
            <td>{t(`directions.statuses.${direction.status}`)}</td>
            <td className="directions__text">{direction.progressNote ?? ''}</td>
            {canDecide && (
              <td>
                {direction.status !== 'closed' && (
                  <DecisionButtons direction={direction} locale={locale} />
                )}
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function DecisionButtons({ direction, locale }: { direction: Direction; locale: Locale }) {
  const { t } = useTranslation();
  const mutation = useMoveDirectionMutation();
  const errorText = useErrorText(locale);
  const [message, setMessage] = useState<Message>();
  const decide = (status: DirectionStatus) =>
    mutation.mutate(
      { id: direction.id, status, progressNote: '', version: direction.version },
      { onError: (error) => setMessage({ isError: true, text: errorText(error) }) },
    );
  return (
    <>
      <button
        type="button"
        className="button-secondary"
        disabled={mutation.isPending}
        onClick={() => decide('closed')}
      >
        {t('directions.actions.close')}
      </button>{' '}
      <button
        type="button"
        className="button-secondary"
        disabled={mutation.isPending}
        onClick={() => decide('carried_over')}
      >
        {t('directions.actions.carryOver')}
      </button>
      <Feedback message={message} />
    </>
  );
}

function DirectionForm({
  year,
  quarter,
  units,
  locale,
}: {
  year: number;
  quarter: Quarter;
  units: readonly Unit[];
  locale: Locale;
}) {
  const { t } = useTranslation();
  const id = useId();
  const next = nextQuarterOf(year, quarter);
  const [text, setText] = useState('');
  const [unit, setUnit] = useState('');
  const [due, setDue] = useState(`${next.year}-${next.quarter}`);
  const [message, setMessage] = useState<Message>();
  const mutation = useRecordDirectionMutation();
  const errorText = useErrorText(locale);
  const dueChoices = [0, 1, 2, 3, 4].map((step) => {
    let at = { year, quarter };
    for (let i = 0; i < step; i++) at = nextQuarterOf(at.year, at.quarter);
    return at;
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const [dueYear, dueQuarter] = due.split('-').map(Number) as [number, Quarter];
    mutation.mutate(
      {
        unitId: unit === '' ? null : Number(unit),
        year,
        quarter,
        text: text.trim(),
        dueYear,
        dueQuarter,
      },
      {
        onSuccess: () => {
          setText('');
          setMessage({ isError: false, text: t('directions.recorded') });
        },
        onError: (error) => setMessage({ isError: true, text: errorText(error) }),
      },
    );
  };
  return (
    <form className="directions__form" onSubmit={onSubmit} noValidate>
      <div className="field">
        <label htmlFor={`${id}-text`}>{t('directions.fields.text')}</label>
        <textarea
          id={`${id}-text`}
          value={text}
          maxLength={2000}
          rows={2}
          onChange={(event) => setText(event.target.value.replace(/\r?\n/g, ' '))}
        />
      </div>
      <div className="field field--inline">
        <label htmlFor={`${id}-unit`}>{t('directions.fields.unit')}</label>
        <select id={`${id}-unit`} value={unit} onChange={(event) => setUnit(event.target.value)}>
          <option value="">{t('directions.wholeInstitute')}</option>
          {units.map((option) => (
            <option key={option.id} value={option.id}>
              {option.code} — {option.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field field--inline">
        <label htmlFor={`${id}-due`}>{t('directions.fields.due')}</label>
        <select id={`${id}-due`} value={due} onChange={(event) => setDue(event.target.value)}>
          {dueChoices.map((choice) => (
            <option
              key={`${choice.year}-${choice.quarter}`}
              value={`${choice.year}-${choice.quarter}`}
            >
              {formatQuarter(choice.quarter, choice.year, locale)}
            </option>
          ))}
        </select>
      </div>
      <button
        type="submit"
        className="button-primary"
        disabled={mutation.isPending || text.trim() === ''}
      >
        {t('directions.actions.record')}
      </button>
      <Feedback message={message} />
    </form>
  );
}

function ProgressForm({
  direction,
  locale,
  onMessage,
}: {
  direction: Direction;
  locale: Locale;
  onMessage: (message: Message) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const initial = (PROGRESS_STATUSES as readonly string[]).includes(direction.status)
    ? direction.status
    : 'in_progress';
  const [status, setStatus] = useState<DirectionStatus>(initial);
  const [note, setNote] = useState(direction.progressNote ?? '');
  const mutation = useMoveDirectionMutation();
  const errorText = useErrorText(locale);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    mutation.mutate(
      { id: direction.id, status, progressNote: note.trim(), version: direction.version },
      {
        onSuccess: () => onMessage({ isError: false, text: t('directions.saved') }),
        onError: (error) => onMessage({ isError: true, text: errorText(error) }),
      },
    );
  };
  return (
    <form className="directions__form" onSubmit={onSubmit} noValidate>
      <div className="field field--inline">
        <label htmlFor={`${id}-status`}>{t('directions.fields.status')}</label>
        <select
          id={`${id}-status`}
          value={status}
          onChange={(event) => setStatus(event.target.value as DirectionStatus)}
        >
          {PROGRESS_STATUSES.map((option) => (
            <option key={option} value={option}>
              {t(`directions.statuses.${option}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-note`}>{t('directions.fields.progressNote')}</label>
        <input
          id={`${id}-note`}
          type="text"
          maxLength={2000}
          value={note}
          onChange={(event) => setNote(event.target.value)}
        />
      </div>
      <button type="submit" className="button-secondary" disabled={mutation.isPending}>
        {t('directions.actions.report')}
      </button>
    </form>
  );
}
