import type { UnitRecord } from '@targetline/contract';
import { type Locale, subtreeUnitIds, type UnitKind } from '@targetline/core';
import { type ReactNode, useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useCreateUnitMutation, useUnitRecordsQuery, useUpdateUnitMutation } from '../../api/admin';
import { type UnitOption, unitOptionLabel, unitOptionsFromUnits } from '../../forms/unit-options';
import { ErrorState, LoadingState } from '../../ui/StateMessages';
import { AdminSection, EditCell, useAdminEditing } from './AdminSection';
import { requiredTextError } from './admin-error';
import { EntityDialog, type LocalErrors, useEntityForm } from './EntityDialog';
import { ChoiceField, Field, fieldAria, TextField } from './Field';

const KINDS: readonly UnitKind[] = ['institute', 'department', 'centre', 'company'];

/** The unit tree, indented, with adding, renaming and moving. */
export function UnitsSection({ locale }: { locale: Locale }) {
  const { t } = useTranslation();
  const titleId = useId();
  const unitsQuery = useUnitRecordsQuery();
  const editing = useAdminEditing();
  const units = unitsQuery.data;
  const options = useMemo(() => (units ? unitOptionsFromUnits(units) : []), [units]);

  let body: ReactNode;
  if (unitsQuery.isPending) body = <LoadingState />;
  else if (unitsQuery.isError) {
    body = <ErrorState error={unitsQuery.error} onRetry={() => void unitsQuery.refetch()} />;
  } else {
    const byId = new Map(unitsQuery.data.map((unit) => [unit.id, unit]));
    const current = editing.target === 'new' ? undefined : byId.get(editing.target ?? -1);
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
                    <EditCell
                      label={t('admin.units.edit')}
                      ariaLabel={t('admin.units.editLabel', { unit: unit.name })}
                      onEdit={() => editing.open(unit.id)}
                    />
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        {editing.target !== null && (editing.target === 'new' || current) && (
          <UnitDialog
            unit={current}
            units={unitsQuery.data}
            options={options}
            locale={locale}
            onClose={editing.close}
            onSaved={editing.saved}
          />
        )}
      </>
    );
  }

  return (
    <AdminSection
      titleId={titleId}
      title={t('admin.units.title')}
      addLabel={t('admin.units.add')}
      editing={editing}
    >
      {body}
    </AdminSection>
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
  const isRoot = unit !== undefined && unit.parentId === null;
  const { form, update, errorOf, bind, dialogProps } = useEntityForm<FormState>({
    initial: () => ({
      code: '',
      name: unit?.name ?? '',
      kind: unit?.kind ?? 'department',
      parentId: unit ? unit.parentId : (root?.id ?? null),
    }),
    validate: (values) => {
      const local: LocalErrors<FormState> = {};
      const codeError = isNew && requiredTextError(values.code, t);
      if (codeError) local.code = codeError;
      const nameError = requiredTextError(values.name, t);
      if (nameError) local.name = nameError;
      if (!isRoot && values.parentId === null) local.parentId = t('admin.required');
      return local;
    },
    mutation,
    locale,
  });
  // A unit cannot move under itself or its own units (the API says 409 too).
  const parentOptions = useMemo(() => {
    const below = unit ? subtreeUnitIds(units, [unit.id]) : new Set<number>();
    return options.filter((option) => !below.has(option.id));
  }, [unit, units, options]);

  const isFieldShown = (field: string | undefined) =>
    field === 'name' ||
    field === 'kind' ||
    (field === 'code' && isNew) ||
    (field === 'parentId' && !isRoot);

  function send(values: FormState) {
    const name = values.name.trim();
    if (isNew) {
      if (values.parentId === null) return;
      createMutation.mutate(
        { code: values.code.trim(), name, kind: values.kind, parentId: values.parentId },
        { onSuccess: (created) => onSaved(t('admin.units.created', { unit: created.name })) },
      );
    } else {
      updateMutation.mutate(
        {
          id: unit.id,
          version: unit.version,
          name,
          kind: values.kind,
          ...(values.parentId !== null &&
            values.parentId !== unit.parentId && { parentId: values.parentId }),
        },
        { onSuccess: (saved) => onSaved(t('admin.units.saved', { unit: saved.name })) },
      );
    }
  }

  return (
    <EntityDialog
      title={isNew ? t('admin.units.addTitle') : t('admin.units.editTitle', { unit: unit.name })}
      onClose={onClose}
      {...dialogProps(send)}
      isFieldShown={isFieldShown}
      saveLabel={t('admin.units.save')}
    >
      {isNew && (
        <TextField
          id={`${id}-code`}
          label={t('admin.units.code')}
          {...bind('code')}
          spellCheck={false}
          hasAutofocus
        />
      )}
      <TextField id={`${id}-name`} label={t('admin.units.name')} {...bind('name')} />
      <ChoiceField
        id={`${id}-kind`}
        label={t('admin.units.kind')}
        {...bind('kind')}
        choices={KINDS}
        labelOf={(kind) => t(`admin.kinds.${kind}`)}
      />
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
    </EntityDialog>
  );
}
