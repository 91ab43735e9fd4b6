import type { ImportChange, ImportIssue, ImportMovedRow, ImportResult } from '@targetline/contract';
import { formatAmountFull, formatQuarter, type Locale, type Quarter } from '@targetline/core';
import type { TFunction } from 'i18next';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { serverErrorMessage } from '../../api/error-message';
import { ImportError, useImportMutation } from '../../api/import';
import { useShell } from '../../app/shell-context';

type Props = {
  /** The year in the header, for the link to one's own figures; undefined before any plan. */
  year: number | undefined;
  locale: Locale;
};

function isQuarter(value: number | null): value is Quarter {
  return value === 1 || value === 2 || value === 3 || value === 4;
}

/** What a refused import means, in the user's words; the API's message for the rest. */
function importErrorMessage(error: unknown, t: TFunction): string {
  if (error instanceof ImportError) {
    if (error.status === 409) return t('importPage.errors.conflict');
    if (error.status === 428) return t('importPage.errors.notChecked');
    if (error.status === 413) return t('importPage.errors.tooLarge');
    if (error.status === 403 && error.code !== 'csrf') return t('importPage.errors.forbidden');
    if (error.status === 400 && error.code === 'import_invalid') {
      return t('importPage.errors.invalid');
    }
    if (error.status === 400 || error.status === 415) {
      return t('importPage.errors.unreadable', { message: error.message });
    }
    if (error.status === 403) return t('forms.apiErrors.csrf');
    if (error.status === 0) return t('forms.apiErrors.network');
  }
  return t('importPage.errors.other', { message: serverErrorMessage(error, t) });
}

/**
 * "Import from Excel": pick a file, check it (a dry run that writes nothing), read the
 * problems and the changes, then import the same file — all rows or none. The import sends
 * the versions the check saw: if anyone changed one of those figures since, nothing is
 * written, the rows are listed and the user checks again, seeing the figures as they are.
 */
export function ImportPage({ year, locale }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  // The dry run of the file now chosen; cleared when another file is picked.
  const [checked, setChecked] = useState<ImportResult | null>(null);
  const [applied, setApplied] = useState<ImportResult | null>(null);
  const mutation = useImportMutation();
  const isChecking = mutation.isPending && mutation.variables?.mode === 'dry-run';
  const isApplying = mutation.isPending && mutation.variables?.mode === 'apply';
  const canApply =
    file !== null &&
    checked !== null &&
    checked.issues.length === 0 &&
    checked.changes.length > 0 &&
    !mutation.isPending;
  // A refused apply lists its rows too: show them in place of the dry run's.
  const refusedIssues =
    mutation.error instanceof ImportError && mutation.error.issues.length > 0
      ? mutation.error.issues
      : null;
  const issues = refusedIssues ?? checked?.issues ?? [];
  const issueCount =
    refusedIssues && mutation.error instanceof ImportError
      ? mutation.error.issueCount
      : (checked?.issueCount ?? issues.length);
  // Figures changed since the check: the import was refused and the check must be run again.
  const moved =
    mutation.error instanceof ImportError && mutation.error.status === 409
      ? mutation.error.moved
      : null;

  function runCheck() {
    if (!file) return;
    setApplied(null);
    mutation.mutate(
      { file, mode: 'dry-run', locale },
      { onSuccess: (result) => setChecked(result) },
    );
  }

  function check(event: FormEvent) {
    event.preventDefault();
    runCheck();
  }

  function apply() {
    if (!file || !checked || !canApply) return;
    mutation.mutate(
      { file, mode: 'apply', locale, basis: checked.basis },
      {
        onSuccess: (result) => {
          setApplied(result);
          setChecked(null);
        },
        onError: (error) => {
          // What the check showed is no longer so: it must be run again before any import.
          if (error instanceof ImportError && error.status === 409) setChecked(null);
        },
      },
    );
  }

  return (
    <section className="panel import" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('importPage.title')}</h2>
      <p className="panel__description">{t('importPage.intro')}</p>
      <p className="import__links">
        <a href="/api/import/template.csv" download>
          {t('importPage.template')}
        </a>
        {year !== undefined && (
          <a href={`/api/export/entries.csv?year=${year}`} download>
            {t('importPage.ownFigures', { year })}
          </a>
        )}
      </p>
      <form className="import__form" onSubmit={check}>
        <div className="field">
          <label htmlFor={`${id}-file`}>{t('importPage.file')}</label>
          <input
            id={`${id}-file`}
            type="file"
            accept=".xlsx,.csv"
            onChange={(event) => {
              setFile(event.target.files?.[0] ?? null);
              setChecked(null);
              setApplied(null);
              mutation.reset();
            }}
          />
        </div>
        <div className="form-actions">
          <button type="submit" className="button-secondary" disabled={!file || mutation.isPending}>
            {isChecking ? t('importPage.checking') : t('importPage.check')}
          </button>
          <button type="button" className="button-primary" disabled={!canApply} onClick={apply}>
            {isApplying ? t('importPage.applying') : t('importPage.apply')}
          </button>
        </div>
      </form>

      {mutation.isError && (
        <p className="form-message form-message--error" role="alert">
          {importErrorMessage(mutation.error, t)}
        </p>
      )}
      {applied && (
        <p className="form-message form-message--success" role="status">
          {t('importPage.applied', { n: applied.changes.length })}
        </p>
      )}

      {moved && (
        <>
          {moved.length > 0 && <MovedTable moved={moved} locale={locale} />}
          <div className="form-actions">
            <button
              type="button"
              className="button-secondary"
              disabled={mutation.isPending}
              onClick={runCheck}
            >
              {t('importPage.recheck')}
            </button>
          </div>
        </>
      )}

      {issues.length > 0 && <IssuesTable issues={issues} count={issueCount} />}
      {checked && checked.issues.length > 0 && (
        <p className="panel__note">{t('importPage.applyHint')}</p>
      )}
      {checked && (
        <ChangesTable changes={checked.changes} unchanged={checked.unchanged} locale={locale} />
      )}
    </section>
  );
}

/** The problems listed (the first ones) of `count` in all. */
function IssuesTable({ issues, count }: { issues: ImportIssue[]; count: number }) {
  const { t } = useTranslation();
  const titleId = useId();
  return (
    <>
      <h3 id={titleId}>{t('importPage.issuesTitle', { n: count })}</h3>
      <div className="table-scroll">
        <table className="summary-table import__issues" aria-labelledby={titleId}>
          <thead>
            <tr>
              <th scope="col" className="num">
                {t('importPage.row')}
              </th>
              <th scope="col">{t('importPage.column')}</th>
              <th scope="col">{t('importPage.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {issues.map((issue) => (
              // Row, column and reason together are unique: the checks report each problem once.
              <tr key={`${issue.row}:${issue.column}:${issue.reason}`}>
                <td className="num">{issue.row}</td>
                <td>{issue.column}</td>
                <td>{issue.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {count > issues.length && (
        <p className="panel__note">{t('importPage.moreIssues', { n: count - issues.length })}</p>
      )}
    </>
  );
}

const KIND_KEYS = {
  plan: 'importPage.kinds.plan',
  target: 'importPage.kinds.target',
  actual: 'importPage.kinds.actual',
} as const;

function kindLabel(kind: string, t: TFunction) {
  return kind in KIND_KEYS ? t(KIND_KEYS[kind as keyof typeof KIND_KEYS]) : kind;
}

function quarterLabel(quarter: number | null, year: number, locale: Locale) {
  return isQuarter(quarter) ? formatQuarter(quarter, year, locale) : '–';
}

/** The rows of the file whose figures someone changed after the check. */
function MovedTable({ moved, locale }: { moved: ImportMovedRow[]; locale: Locale }) {
  const { t } = useTranslation();
  const titleId = useId();
  return (
    <>
      <h3 id={titleId}>{t('importPage.movedTitle', { n: moved.length })}</h3>
      <div className="table-scroll">
        <table className="summary-table import__moved" aria-labelledby={titleId}>
          <thead>
            <tr>
              <th scope="col" className="num">
                {t('importPage.row')}
              </th>
              <th scope="col">{t('importPage.unit')}</th>
              <th scope="col">{t('importPage.quarter')}</th>
              <th scope="col">{t('importPage.kind')}</th>
            </tr>
          </thead>
          <tbody>
            {moved.map((row) => (
              <tr key={row.row}>
                <td className="num">{row.row}</td>
                <td>
                  <span className="unit-code">{row.unitCode}</span>
                </td>
                <td>
                  {row.quarter === null ? row.year : quarterLabel(row.quarter, row.year, locale)}
                </td>
                <td>{kindLabel(row.kind, t)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function ChangesTable({
  changes,
  unchanged,
  locale,
}: {
  changes: ImportChange[];
  unchanged: number;
  locale: Locale;
}) {
  const { t } = useTranslation();
  const titleId = useId();
  return (
    <>
      <h3 id={titleId}>{t('importPage.changesTitle', { n: changes.length })}</h3>
      {changes.length === 0 ? (
        <p className="panel__note">{t('importPage.noChanges')}</p>
      ) : (
        <div className="table-scroll">
          <table className="summary-table import__changes" aria-labelledby={titleId}>
            <thead>
              <tr>
                <th scope="col">{t('importPage.unit')}</th>
                <th scope="col">{t('importPage.year')}</th>
                <th scope="col">{t('importPage.quarter')}</th>
                <th scope="col">{t('importPage.kind')}</th>
                <th scope="col" className="num">
                  {t('importPage.change')}
                </th>
              </tr>
            </thead>
            <tbody>
              {changes.map((change) => (
                <tr key={change.row}>
                  <th scope="row">
                    {change.unitName} <span className="unit-code">{change.unitCode}</span>
                  </th>
                  <td>{change.year}</td>
                  <td>{quarterLabel(change.quarter, change.year, locale)}</td>
                  <td>{kindLabel(change.kind, t)}</td>
                  <td className="num">
                    {formatAmountFull(change.old, locale)} → {formatAmountFull(change.new, locale)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="panel__note">{t('importPage.unchanged', { n: unchanged })}</p>
    </>
  );
}

/** The import at `/import`, for the year in the header. */
export function ImportRoute() {
  const { year, locale } = useShell();
  return <ImportPage year={year} locale={locale} />;
}
