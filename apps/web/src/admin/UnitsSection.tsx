import { type Locale, subtreeUnitIds, type UnitKind } from '@targetline/core';
import { type FormEvent, type ReactNode, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type UnitRecord,
  useCreateUnitMutation,
  useUnitRecordsQuery,
  useUpdateUnitMutation,
} from '../api/admin';
import { Modal } from '../components/Modal';
import { ErrorState, LoadingState } from '../components/StateMessages';
import { type UnitOption, unitOptionLabel, unitOptionsFromUnits } from '../forms/unit-options';
import { adminErrorView } from './admin-error';
import { Field, fieldAria } from './Field';

const KINDS: readonly UnitKind[] = ['institute', 'department', 'centre', 'company'];

function isKind(value: string): value is UnitKind {
  return (KINDS as readonly string[]).includes(value);
}

/** The unit tree, indented, with adding, renaming and moving. */
export function UnitsSection({ locale }: { locale: Locale }) {
  const { t } = useTranslation();
  const titleId = useId();
  const unitsQuery = useUnitRecordsQuery();
  const [editing, setEditing] = useState<number | 'new' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const units = unitsQuery.data;
  const options = useMemo(() => (units ? unitOptionsFromUnits(units) : []), [units]);

  let body: ReactNode;
  if (unitsQuery.isPending) body = <LoadingState />;
  else if (unitsQuery.isError) {
    body = <ErrorState error={unitsQuery.error} onRetry={() => void unitsQuery.refetch()} />;
  } else {
    const byId = new Map(unitsQuery.data.map((unit) => [unit.id, unit]));
    const current = editing === 'new' ? undefined : byId.get(editing ?? -1);
    body = (
      <>
        <div className="table-scroll">
          <table className="summary-table admin-table" aria-labelledby={titleId}>
            <thead>
              <tr>
                <th scope="col">{t('admin.units.name')}</th>
                <th scope="col">{t('admin.units.code')}</th>
                <th scope="col">{t('admin.units.kind')}</th>
                <th scope="col">{t('admin.users.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {options.map((option) => {
                const unit = byId.get(option.id);
                if (!unit) return null;
                return (
                  <tr key={unit.id} className={option.depth === 0 ? 'is-parent' : undefined}>
                    <th scope="row">
                      <span
                        className="admin-tree__name"
                        style={{ paddingInlineStart: `${option.depth * 1.5}rem` }}
                      >
                        {unit.name}
                      </span>
                    </th>
                    <td>
                      <code>{unit.code}</code>
                    </td>
                    <td>{t(`admin.kinds.${unit.kind}`)}</td>
                    <td>
                      <button
                        type="button"
                        className="button-secondary"
                        aria-label={t('admin.units.editLabel', { unit: unit.name })}
                        onClick={() => {
                          setNotice(null);
                          setEditing(unit.id);
                        }}
                      >
                        {t('admin.units.edit')}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        {editing !== null && (editing === 'new' || current) && (
          <UnitDialog
            unit={current}
            units={unitsQuery.data}
            options={options}
            locale={locale}
            onClose={() => setEditing(null)}
            onSaved={(message) => {
              setNotice(message);
              setEditing(null);
            }}
          />
        )}
      </>
    );
  }

  return (
    <section className="panel" aria-labelledby={titleId}>
      <div className="panel__head">
        <h2 id={titleId}>{t('admin.units.title')}</h2>
        <button
          type="button"
          className="button-primary"
          onClick={() => {
            setNotice(null);
            setEditing('new');
          }}
        >
          {t('admin.units.add')}
        </button>
      </div>
      {notice && (
        <p className="form-message form-message--success" role="status">
          {notice}
        </p>
      )}
      {body}
    </section>
  );
}

type FormState = { code: string; name: string; kind: UnitKind; parentId: number | null };

/** Add a unit (`unit` undefined) or change one's name, kind or parent, with its version. */
function UnitDialog({
  unit,
  units,
  options,
  locale,
  onClose,
  onSaved,
}: {
  unit: UnitRecord | undefined;
  units: UnitRecord[];
  options: UnitOption[];
  locale: Locale;
  onClose: () => void;
  onSaved: (message: string) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const isNew = unit === undefined;
  const createMutation = useCreateUnitMutation();
  const updateMutation = useUpdateUnitMutation();
  const mutation = isNew ? createMutation : updateMutation;
  const root = options[0];
  const [form, setForm] = useState<FormState>(() => ({
    code: '',
    name: unit?.name ?? '',
    kind: unit?.kind ?? 'department',
    parentId: unit ? unit.parentId : (root?.id ?? null),
  }));
  const [isSubmitted, setIsSubmitted] = useState(false);
  const update = (patch: Partial<FormState>) => setForm((previous) => ({ ...previous, ...patch }));
  // A unit cannot move under itself or its own units (the API says 409 too).
  const parentOptions = useMemo(() => {
    const below = unit ? subtreeUnitIds(units, [unit.id]) : new Set<number>();
    return options.filter((option) => !below.has(option.id));
  }, [unit, units, options]);
  const isRoot = unit !== undefined && unit.parentId === null;

  const local: Partial<Record<keyof FormState, string>> = {};
  if (isNew && form.code.trim() === '') local.code = t('admin.required');
  if (form.name.trim() === '') local.name = t('admin.required');
  if (!isRoot && form.parentId === null) local.parentId = t('admin.required');
  const apiError = mutation.isError ? adminErrorView(mutation.error, t, locale) : undefined;
  const errorOf = (field: keyof FormState) =>
    (isSubmitted ? local[field] : undefined) ??
    (apiError?.field === field ? apiError.message : undefined);
  const isFieldShown = (field: string | undefined) =>
    field === 'name' ||
    field === 'kind' ||
    (field === 'code' && isNew) ||
    (field === 'parentId' && !isRoot);

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    setIsSubmitted(true);
    if (Object.keys(local).length > 0) return;
    const name = form.name.trim();
    if (isNew) {
      if (form.parentId === null) return;
      createMutation.mutate(
        { code: form.code.trim(), name, kind: form.kind, parentId: form.parentId },
        { onSuccess: (created) => onSaved(t('admin.units.created', { unit: created.name })) },
      );
    } else {
      updateMutation.mutate(
        {
          id: unit.id,
          version: unit.version,
          name,
          kind: form.kind,
          ...(form.parentId !== null &&
            form.parentId !== unit.parentId && { parentId: form.parentId }),
        },
        { onSuccess: (saved) => onSaved(t('admin.units.saved', { unit: saved.name })) },
      );
    }
  }

  return (
    <Modal
      title={isNew ? t('admin.units.addTitle') : t('admin.units.editTitle', { unit: unit.name })}
      onClose={onClose}
      closeLabel={t('admin.close')}
    >
      <form onSubmit={handleSubmit} noValidate className="admin-form">
        {isNew && (
          <Field id={`${id}-code`} label={t('admin.units.code')} error={errorOf('code')}>
            <input
              id={`${id}-code`}
              type="text"
              autoComplete="off"
              spellCheck={false}
              value={form.code}
              onChange={(event) => update({ code: event.target.value })}
              {...fieldAria(`${id}-code`, { error: errorOf('code') })}
              data-autofocus
            />
          </Field>
        )}
        <Field id={`${id}-name`} label={t('admin.units.name')} error={errorOf('name')}>
          <input
            id={`${id}-name`}
            type="text"
            autoComplete="off"
            value={form.name}
            onChange={(event) => update({ name: event.target.value })}
            {...fieldAria(`${id}-name`, { error: errorOf('name') })}
          />
        </Field>
        <Field id={`${id}-kind`} label={t('admin.units.kind')} error={errorOf('kind')}>
          <select
            id={`${id}-kind`}
            value={form.kind}
            onChange={(event) => {
              if (isKind(event.target.value)) update({ kind: event.target.value });
            }}
            {...fieldAria(`${id}-kind`, { error: errorOf('kind') })}
          >
            {KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`admin.kinds.${kind}`)}
              </option>
            ))}
          </select>
        </Field>
        {!isRoot && (
          <Field id={`${id}-parent`} label={t('admin.units.parent')} error={errorOf('parentId')}>
            <select
              id={`${id}-parent`}
              value={form.parentId ?? ''}
              onChange={(event) => update({ parentId: Number(event.target.value) })}
              {...fieldAria(`${id}-parent`, { error: errorOf('parentId') })}
            >
              {parentOptions.map((option) => (
                <option key={option.id} value={option.id}>
                  {unitOptionLabel(option)}
                </option>
              ))}
            </select>
          </Field>
        )}
        {apiError && !isFieldShown(apiError.field) && (
          <p className="form-message form-message--error" role="alert">
            {apiError.message}
          </p>
        )}
        <div className="modal__actions">
          <button type="button" className="button-secondary" onClick={onClose}>
            {t('admin.cancel')}
          </button>
          <button type="submit" className="button-primary" disabled={mutation.isPending}>
            {mutation.isPending ? t('admin.saving') : t('admin.units.save')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
