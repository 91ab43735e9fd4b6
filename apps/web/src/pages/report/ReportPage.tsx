import { Link, useParams } from '@tanstack/react-router';
import type { ReportRecord, Review } from '@targetline/contract';
import {
  canDirectReview,
  canReviewReport,
  formatAmountFull,
  formatPercent,
  formatQuarter,
  isCausesRequired,
  type Locale,
  type Quarter,
  ratio,
} from '@targetline/core';
import type { TFunction } from 'i18next';
import { type FormEvent, type ReactNode, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { useEntriesQuery, usePaceSettingsQuery } from '../../api/hooks';
import {
  type ReportMove,
  useMoveReportMutation,
  useReportQuery,
  useReviewQuery,
  useSaveReportMutation,
} from '../../api/review';
import { useShell } from '../../app/shell-context';
import { DueDirections } from '../../directions/Directions';
import { formatDate, formatDateTime } from '../../i18n/format-date-time';
import { actorOf, permissionsOf, useCurrentUser } from '../../session/current-user';
import { AmountField } from '../../ui/fields/AmountField';
import { readAmountInput } from '../../ui/fields/amount-input';
import { saveErrorMessage } from '../../ui/fields/save-error';
import { EmptyState, ErrorState, LoadingState } from '../../ui/StateMessages';
import { ReportStateBadge } from '../review/report-state';
import '../review/review.css';

type Key = { unitId: number; year: number; quarter: Quarter };
type Message = { isError: boolean; text: string };

/** A unit's report at `/reports/3/2023/2`: the lead writes it, the planning office reviews it. */
export function ReportRoute() {
  const { t } = useTranslation();
  const { units, locale } = useShell();
  const key = useParams({ from: '/reports/$unitId/$year/$quarter' });
  const unit = units.find((candidate) => candidate.id === key.unitId);
  const reportQuery = useReportQuery(key);
  const reviewQuery = useReviewQuery(key.year, key.quarter);
  if (!unit) return <EmptyState title={t('reportPage.unknownUnit')} body="" />;
  if (reportQuery.isPending || reviewQuery.isPending) return <LoadingState />;
  if (reportQuery.isError || reviewQuery.isError) {
    return (
      <ErrorState
        error={reportQuery.error ?? reviewQuery.error}
        onRetry={() => {
          void reportQuery.refetch();
          void reviewQuery.refetch();
        }}
      />
    );
  }
  return (
    <ReportView
      reportKey={key}
      unitName={unit.name}
      unitCode={unit.code}
      report={reportQuery.data}
      review={reviewQuery.data}
      locale={locale}
    />
  );
}

function ReportView({
  reportKey,
  unitName,
  unitCode,
  report,
  review,
  locale,
}: {
  reportKey: Key;
  unitName: string;
  unitCode: string;
  report: ReportRecord;
  review: Review;
  locale: Locale;
}) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const { units } = useShell();
  const titleId = useId();
  const actor = actorOf(user);
  const canWrite = useMemo(
    () => permissionsOf(user, units).writableUnitIds.has(reportKey.unitId),
    [user, units, reportKey.unitId],
  );
  const isEditable =
    canWrite &&
    (report.state === 'not_started' || report.state === 'draft' || report.state === 'returned');
  const quarter = formatQuarter(reportKey.quarter, reportKey.year, locale);
  const [message, setMessage] = useState<Message>();

  let stateNote: ReactNode = null;
  if (report.state === 'returned' && report.returnReason) {
    stateNote = (
      <p className="report__reason" role="note">
        <span aria-hidden="true">↩ </span>
        {t('reportPage.returned', { reason: report.returnReason })}
      </p>
    );
  } else if (canWrite && report.state === 'submitted') {
    stateNote = <p className="panel__note">{t('reportPage.frozenForLead')}</p>;
  } else if (canWrite && report.state === 'approved') {
    stateNote = <p className="panel__note">{t('reportPage.approvedForLead')}</p>;
  } else if (!canWrite && !canReviewReport(actor)) {
    stateNote = <p className="panel__note">{t('reportPage.readOnly')}</p>;
  }

  return (
    <section className="panel report" aria-labelledby={titleId}>
      <p>
        <Link className="back-link" to="/review" search={{ quarter: reportKey.quarter }}>
          <span aria-hidden="true">← </span>
          {t('reportPage.back')}
        </Link>
      </p>
      <h2 id={titleId}>
        {t('reportPage.title', { quarter })} · {unitName}{' '}
        <span className="unit-code">{unitCode}</span>
      </h2>
      <div className="report__meta">
        <ReportStateBadge state={report.state} />
        {review.deadline === null ? (
          <span>{t('reportPage.noRound', { quarter })}</span>
        ) : (
          <span>{t('reviewBoard.deadline', { date: formatDate(review.deadline, locale) })}</span>
        )}
        {report.submittedBy && report.submittedAt && (
          <span>
            {t('reportPage.submittedBy', {
              who: report.submittedBy,
              at: formatDateTime(report.submittedAt, locale),
            })}
          </span>
        )}
        {report.decidedBy && report.decidedAt && (
          <span>
            {t('reportPage.decidedBy', {
              who: report.decidedBy,
              at: formatDateTime(report.decidedAt, locale),
            })}
          </span>
        )}
      </div>
      {stateNote}
      {message && (
        <p
          role={message.isError ? 'alert' : 'status'}
          className={message.isError ? 'report__message report__message--error' : 'report__message'}
        >
          {message.text}
        </p>
      )}
      {isEditable ? (
        <ReportForm
          // A saved or reloaded report starts the form again from what the server holds.
          key={`${report.version}-${report.actualVersion}`}
          reportKey={reportKey}
          report={report}
          locale={locale}
          onMessage={setMessage}
        />
      ) : (
        <ReportText report={report} locale={locale} />
      )}
      <ReviewActions
        reportKey={reportKey}
        report={report}
        locale={locale}
        canReview={canReviewReport(actor)}
        canReopen={canDirectReview(actor)}
        onMessage={setMessage}
      />
      <DueDirections
        unitId={reportKey.unitId}
        year={reportKey.year}
        quarter={reportKey.quarter}
        units={units}
        locale={locale}
      />
    </section>
  );
}

/** What an error from a report write means to the person who made it. */
function reportErrorMessage(error: unknown, t: TFunction, locale: Locale) {
  if (error instanceof ApiError) {
    if (error.status === 409 && error.code === 'state') return t('reportPage.wrongState');
    if (error.status === 409 && error.field === 'version') return t('reportPage.conflict');
    if (error.status === 400 && error.field === 'causes') return t('reportPage.causesMissing');
    if (error.status === 400 && error.field === 'reason') return t('reportPage.reasonRequired');
  }
  return saveErrorMessage(error, t, locale);
}

const TEXT_FIELDS = ['results', 'causes', 'difficulties', 'proposals'] as const;
type TextField = (typeof TEXT_FIELDS)[number];

function ReportForm({
  reportKey,
  report,
  locale,
  onMessage,
}: {
  reportKey: Key;
  report: ReportRecord;
  locale: Locale;
  onMessage: (message: Message | undefined) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const prefill = (amount: number | null) =>
    amount === null ? '' : formatAmountFull(amount, locale);
  const [amount, setAmount] = useState(() => prefill(report.amount));
  const [basis, setBasis] = useState(report.basis ?? 'estimate');
  const [texts, setTexts] = useState<Record<TextField, string>>(() => ({
    results: report.results,
    causes: report.causes,
    difficulties: report.difficulties,
    proposals: report.proposals,
  }));
  const [next, setNext] = useState(() => prefill(report.nextQuarterExpected));
  const [isSubmitted, setIsSubmitted] = useState(false);
  const save = useSaveReportMutation();
  const move = useMoveReportMutation();
  const entriesQuery = useEntriesQuery(reportKey.year);
  const settingsQuery = usePaceSettingsQuery();

  const parsedAmount = readAmountInput({ input: amount, locale, isOptional: false });
  const parsedNext = readAmountInput({ input: next, locale, isOptional: true });
  const target =
    entriesQuery.data?.plans.find((plan) => plan.unitId === reportKey.unitId)?.quarterTargets[
      reportKey.quarter - 1
    ] ?? null;
  const atRisk = settingsQuery.data?.atRisk ?? null;
  const actual = parsedAmount.ok ? parsedAmount.amount : null;
  const causesRequired = atRisk !== null && isCausesRequired({ actual, target, atRisk });
  const isCausesMissing = causesRequired && texts.causes.trim() === '';
  const isBusy = save.isPending || move.isPending;

  const body = () =>
    parsedAmount.ok && parsedAmount.amount !== null && parsedNext.ok
      ? {
          amount: parsedAmount.amount,
          basis,
          ...texts,
          nextQuarterExpected: parsedNext.amount,
          version: report.version,
          actualVersion: report.actualVersion,
        }
      : null;

  // Awaited rather than given callbacks: a saved report re-keys this form, and a callback of
  // an unmounted form's mutation would never run.
  const onSave = async (event: FormEvent) => {
    event.preventDefault();
    setIsSubmitted(true);
    const input = body();
    if (!input) return;
    onMessage(undefined);
    try {
      await save.mutateAsync({ ...reportKey, ...input });
      onMessage({ isError: false, text: t('reportPage.saved') });
    } catch (error) {
      onMessage({ isError: true, text: reportErrorMessage(error, t, locale) });
    }
  };

  // Submitting saves what is on screen first, then submits that version.
  const onSubmitReport = async () => {
    setIsSubmitted(true);
    const input = body();
    if (!input || isCausesMissing) return;
    onMessage(undefined);
    try {
      const saved = await save.mutateAsync({ ...reportKey, ...input });
      await move.mutateAsync({ ...reportKey, move: { action: 'submit', version: saved.version } });
      onMessage({ isError: false, text: t('reportPage.submittedNow') });
    } catch (error) {
      onMessage({ isError: true, text: reportErrorMessage(error, t, locale) });
    }
  };

  const achieved = ratio(actual, target);
  return (
    <form className="report__form" onSubmit={(event) => void onSave(event)} noValidate>
      <p className="panel__note">
        {target === null
          ? t('reportPage.noTarget')
          : t('reportPage.target', { target: formatAmountFull(target, locale) })}
        {achieved !== null && ` · ${formatPercent(achieved, locale)}`}
      </p>
      <div className="report__figures">
        <AmountField
          id={`${id}-amount`}
          label={t('reportPage.amount', {
            quarter: formatQuarter(reportKey.quarter, reportKey.year, locale),
          })}
          value={amount}
          onChange={setAmount}
          parsed={parsedAmount}
          locale={locale}
          isSubmitted={isSubmitted}
        />
        <fieldset className="report__basis">
          <legend>{t('reportPage.basisLegend')}</legend>
          {(['estimate', 'final'] as const).map((option) => (
            <label key={option}>
              <input
                type="radio"
                name={`${id}-basis`}
                value={option}
                checked={basis === option}
                onChange={() => setBasis(option)}
              />{' '}
              {t(`review.basis.${option}`)}
            </label>
          ))}
        </fieldset>
      </div>
      {TEXT_FIELDS.map((field) => {
        const isRequired = field === 'causes' && causesRequired;
        const isInvalid = field === 'causes' && isSubmitted && isCausesMissing;
        const hintId = `${id}-${field}-hint`;
        return (
          <div key={field} className={isInvalid ? 'field field--invalid' : 'field'}>
            <label htmlFor={`${id}-${field}`}>{t(`review.fields.${field}`)}</label>
            <textarea
              id={`${id}-${field}`}
              rows={4}
              maxLength={10_000}
              value={texts[field]}
              onChange={(event) =>
                setTexts((current) => ({ ...current, [field]: event.target.value }))
              }
              aria-invalid={isInvalid}
              aria-required={isRequired}
              aria-describedby={isRequired ? hintId : undefined}
            />
            {isRequired && (
              <p
                id={hintId}
                className={isInvalid ? 'field__hint field__hint--error' : 'field__hint'}
              >
                {t('reportPage.causesRequired', {
                  achieved: formatPercent(achieved, locale),
                  threshold: formatPercent(atRisk, locale, 0),
                })}
              </p>
            )}
          </div>
        );
      })}
      <AmountField
        id={`${id}-next`}
        label={t('review.fields.nextQuarterExpected')}
        value={next}
        onChange={setNext}
        parsed={parsedNext}
        locale={locale}
        isOptional
        isSubmitted={isSubmitted}
        hasExample={false}
      />
      <div className="report__buttons">
        <button type="submit" className="button-secondary" disabled={isBusy}>
          {t('reportPage.saveDraft')}
        </button>
        <button
          type="button"
          className="button-primary"
          disabled={isBusy}
          onClick={() => void onSubmitReport()}
        >
          {t('reportPage.submit')}
        </button>
      </div>
    </form>
  );
}

/** A report as read: its figure and the four parts of its explanation, kept as typed. */
function ReportText({ report, locale }: { report: ReportRecord; locale: Locale }) {
  const { t } = useTranslation();
  return (
    <dl className="report__text">
      <div>
        <dt>
          {t('reportPage.amount', { quarter: formatQuarter(report.quarter, report.year, locale) })}
        </dt>
        <dd>
          {formatAmountFull(report.amount, locale)}
          {report.basis && ` (${t(`review.basis.${report.basis}`)})`}
        </dd>
      </div>
      {TEXT_FIELDS.map((field) => (
        <div key={field}>
          <dt>{t(`review.fields.${field}`)}</dt>
          <dd>{report[field] || '–'}</dd>
        </div>
      ))}
      <div>
        <dt>{t('review.fields.nextQuarterExpected')}</dt>
        <dd>{formatAmountFull(report.nextQuarterExpected, locale)}</dd>
      </div>
    </dl>
  );
}

/** Approve or return a submitted report; reopen an approved one. Each says why where it must. */
function ReviewActions({
  reportKey,
  report,
  locale,
  canReview,
  canReopen,
  onMessage,
}: {
  reportKey: Key;
  report: ReportRecord;
  locale: Locale;
  canReview: boolean;
  canReopen: boolean;
  onMessage: (message: Message | undefined) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [reason, setReason] = useState('');
  const [isReasonMissing, setIsReasonMissing] = useState(false);
  const move = useMoveReportMutation();
  const mayDecide = canReview && report.state === 'submitted';
  const mayReopen = canReopen && report.state === 'approved';
  if (!mayDecide && !mayReopen) return null;

  const done: Record<ReportMove['action'], string> = {
    submit: t('reportPage.submittedNow'),
    approve: t('reportPage.approvedNow'),
    return: t('reportPage.returnedNow'),
    reopen: t('reportPage.reopenedNow'),
  };
  const run = (next: ReportMove) => {
    if ((next.action === 'return' || next.action === 'reopen') && next.reason.trim() === '') {
      setIsReasonMissing(true);
      return;
    }
    onMessage(undefined);
    move
      .mutateAsync({ ...reportKey, move: next })
      .then(() => {
        setReason('');
        setIsReasonMissing(false);
        onMessage({ isError: false, text: done[next.action] });
      })
      .catch((error: unknown) =>
        onMessage({ isError: true, text: reportErrorMessage(error, t, locale) }),
      );
  };

  return (
    <section className="report__review" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('reportPage.review')}</h3>
      <div className={isReasonMissing ? 'field field--invalid' : 'field'}>
        <label htmlFor={`${id}-reason`}>{t('reportPage.reason')}</label>
        <textarea
          id={`${id}-reason`}
          rows={2}
          maxLength={1000}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          aria-invalid={isReasonMissing}
          aria-describedby={`${id}-reason-hint`}
        />
        <p
          id={`${id}-reason-hint`}
          className={isReasonMissing ? 'field__hint field__hint--error' : 'field__hint'}
        >
          {t('reportPage.reasonRequired')}
        </p>
      </div>
      <div className="report__buttons">
        {mayDecide && (
          <>
            <button
              type="button"
              className="button-primary"
              disabled={move.isPending}
              onClick={() => run({ action: 'approve', version: report.version })}
            >
              {t('reportPage.approve')}
            </button>
            <button
              type="button"
              className="button-secondary"
              disabled={move.isPending}
              onClick={() => run({ action: 'return', version: report.version, reason })}
            >
              {t('reportPage.return')}
            </button>
          </>
        )}
        {mayReopen && (
          <button
            type="button"
            className="button-secondary"
            disabled={move.isPending}
            onClick={() => run({ action: 'reopen', version: report.version, reason })}
          >
            {t('reportPage.reopen')}
          </button>
        )}
      </div>
    </section>
  );
}
