import { useNavigate, useSearch } from '@tanstack/react-router';
import type { AuditActor, AuditEntry } from '@targetline/contract';
import {
  AUDIT_ENTITIES,
  canManageUsers,
  formatQuarter,
  type Locale,
  QUARTERS,
  type Quarter,
  type Unit,
} from '@targetline/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useChangeLogQuery } from '../../api/hooks';
import type { ChangesSearch } from '../../app/search';
import { useShell } from '../../app/shell-context';
import { formatDateTime } from '../../i18n/format-date-time';
import { actorOf, useCurrentUser } from '../../session/current-user';
import { EmptyState, ErrorState, LoadingState } from '../../ui/StateMessages';
import { describeValue, entityOf } from './change-values';
import './changes.css';

/** `/changes`: the organisation-wide change log, its filters in the address. */
export function ChangesRoute() {
  const { year, units, locale } = useShell();
  const search = useSearch({ from: '/changes' });
  const navigate = useNavigate({ from: '/changes' });
  return (
    <ChangeLog
      year={year}
      units={units}
      locale={locale}
      filters={search}
      onFiltersChange={(patch) =>
        void navigate({ search: (previous) => ({ ...previous, ...patch }), replace: true })
      }
    />
  );
}

export function ChangeLog({
  year,
  units,
  locale,
  filters,
  onFiltersChange,
}: {
  /** The header's year: a chosen quarter is one of its quarters. */
  year: number | undefined;
  units: readonly Unit[];
  locale: Locale;
  filters: ChangesSearch;
  onFiltersChange: (patch: ChangesSearch) => void;
}) {
  const { t } = useTranslation();
  const titleId = useId();
  const user = useCurrentUser();
  const quarter = year === undefined ? undefined : filters.quarter;
  const query = useChangeLogQuery({
    unitId: filters.unit,
    actor: filters.user,
    entity: filters.kind,
    ...(quarter !== undefined && { year, quarter }),
  });
  const entries = query.data?.pages.flatMap((page) => page.entries) ?? [];
  const actors = query.data?.pages[0]?.actors ?? [];
  // Accounts' changes are an admin's only: the API leaves them out for anyone else.
  const kinds = AUDIT_ENTITIES.filter((kind) => kind !== 'user' || canManageUsers(actorOf(user)));
  const hasFilters = Object.values(filters).some((value) => value !== undefined);

  return (
    <section className="panel change-log" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('changeLog.title')}</h2>
      <p className="panel__note">{t('changeLog.intro')}</p>
      <form
        className="change-log__filters"
        aria-label={t('changeLog.filters')}
        onSubmit={(event) => event.preventDefault()}
      >
        <Select
          label={t('changeLog.unit')}
          value={filters.unit === undefined ? '' : String(filters.unit)}
          options={units.map((unit) => ({ value: String(unit.id), label: unit.name }))}
          onChange={(value) => onFiltersChange({ unit: value === '' ? undefined : Number(value) })}
        />
        <Select
          label={t('changeLog.user')}
          value={filters.user ?? ''}
          options={withCurrent(actors, filters.user).map((actor) => ({
            value: actor.username,
            label: actor.displayName,
          }))}
          onChange={(value) => onFiltersChange({ user: value === '' ? undefined : value })}
        />
        <Select
          label={t('changeLog.kind')}
          value={filters.kind ?? ''}
          options={kinds.map((kind) => ({ value: kind, label: t(`changeLog.kinds.${kind}`) }))}
          onChange={(value) => onFiltersChange({ kind: kinds.find((kind) => kind === value) })}
        />
        {year !== undefined && (
          <Select
            label={t('changeLog.quarter')}
            value={quarter === undefined ? '' : String(quarter)}
            options={QUARTERS.map((q) => ({
              value: String(q),
              label: formatQuarter(q, year, locale),
            }))}
            onChange={(value) =>
              onFiltersChange({
                quarter: value === '' ? undefined : (Number(value) as Quarter),
              })
            }
          />
        )}
        {hasFilters && (
          <button
            type="button"
            className="button-secondary change-log__clear"
            onClick={() =>
              onFiltersChange({
                unit: undefined,
                user: undefined,
                kind: undefined,
                quarter: undefined,
              })
            }
          >
            {t('changeLog.clear')}
          </button>
        )}
      </form>

      {query.isPending ? (
        <LoadingState />
      ) : query.isError && entries.length === 0 ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : entries.length === 0 ? (
        <EmptyState
          title={t('changeLog.emptyTitle')}
          body={t(hasFilters ? 'changeLog.emptyBody' : 'changeLog.emptyBodyNoFilter')}
        />
      ) : (
        <>
          <p className="table-tools__count" aria-live="polite">
            {t('changeLog.shown', { count: entries.length })}
          </p>
          <div className="table-scroll change-log__scroll">
            <table className="change-log__table">
              <caption className="visually-hidden">{t('changeLog.table')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('changeLog.when')}</th>
                  <th scope="col">{t('changeLog.who')}</th>
                  <th scope="col">{t('changeLog.what')}</th>
                  <th scope="col">{t('changeLog.unitColumn')}</th>
                  <th scope="col">{t('changeLog.change')}</th>
                  <th scope="col">{t('changeLog.comment')}</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((entry) => (
                  <ChangeRow key={entry.id} entry={entry} locale={locale} />
                ))}
              </tbody>
            </table>
          </div>
          {query.isError && (
            <ErrorState error={query.error} onRetry={() => void query.fetchNextPage()} />
          )}
          {query.hasNextPage && (
            <div className="change-log__more">
              <button
                type="button"
                className="button-secondary"
                onClick={() => void query.fetchNextPage()}
                disabled={query.isFetchingNextPage}
              >
                {query.isFetchingNextPage ? t('changeLog.loadingMore') : t('changeLog.loadMore')}
              </button>
            </div>
          )}
        </>
      )}
    </section>
  );
}

/** The chosen user stays in the list even before the log that names them has loaded. */
function withCurrent(actors: readonly AuditActor[], username: string | undefined): AuditActor[] {
  if (username === undefined || actors.some((actor) => actor.username === username)) {
    return [...actors];
  }
  return [...actors, { username, displayName: username }];
}

function Select({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: string;
  options: readonly { value: string; label: string }[];
  onChange: (value: string) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">{t('changeLog.all')}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * One change. Every value is a text node (React escapes it): names, comments and directions
 * are what users typed and are never read as markup.
 */
function ChangeRow({ entry, locale }: { entry: AuditEntry; locale: Locale }) {
  const { t } = useTranslation();
  const entity = entityOf(entry);
  const before = describeValue({ entity, value: entry.oldValue, locale, t });
  const after = describeValue({ entity, value: entry.newValue, locale, t });
  const none = t('changeLog.none');
  const quarter =
    entry.year !== null && entry.quarter !== null && entry.quarter >= 1 && entry.quarter <= 4
      ? formatQuarter(entry.quarter as Quarter, entry.year, locale)
      : entry.year !== null
        ? String(entry.year)
        : null;
  return (
    <tr>
      <th scope="row" data-label={t('changeLog.when')}>
        <span className="change-log__cell">
          <time dateTime={entry.at}>{formatDateTime(entry.at, locale)}</time>
        </span>
      </th>
      <td data-label={t('changeLog.who')}>
        <span className="change-log__cell">
          {entry.actorName ?? entry.actor ?? t('changeLog.system')}
        </span>
      </td>
      <td data-label={t('changeLog.what')}>
        <span className="change-log__cell">
          {entity ? t(`changeLog.kinds.${entity}`) : entry.entity}
          {quarter && <span className="change-log__period"> · {quarter}</span>}
        </span>
      </td>
      <td data-label={t('changeLog.unitColumn')}>
        <span className="change-log__cell">
          {entry.unitName ??
            (entry.unitId !== null
              ? `#${entry.unitId}`
              : entity === 'direction' || entity === 'lock' || entity === 'review'
                ? t('changeLog.wholeInstitute')
                : none)}
        </span>
      </td>
      <td data-label={t('changeLog.change')} className="change-log__change">
        <span className="change-log__cell">
          <span className="change-log__old">{before ?? none}</span>
          <span aria-hidden="true"> → </span>
          <span className="visually-hidden"> {t('changeLog.to')} </span>
          <span className="change-log__new">{after ?? none}</span>
        </span>
      </td>
      <td data-label={t('changeLog.comment')} className="change-log__comment">
        <span className="change-log__cell">{entry.comment ?? none}</span>
      </td>
    </tr>
  );
}
