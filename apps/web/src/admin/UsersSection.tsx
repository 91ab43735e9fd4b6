import type { Locale, Role } from '@targetline/core';
import { type FormEvent, type ReactNode, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type AdminUser,
  type UnitRecord,
  useCreateUserMutation,
  useUnitRecordsQuery,
  useUpdateUserMutation,
  useUsersQuery,
} from '../api/admin';
import { Modal } from '../components/Modal';
import { ErrorState, LoadingState } from '../components/StateMessages';
import { unitOptionLabel, unitOptionsFromUnits } from '../forms/unit-options';
import { adminErrorView } from './admin-error';
import { Field, fieldAria } from './Field';

const ROLES: readonly Role[] = ['admin', 'director', 'unit_lead', 'viewer'];
const MIN_PASSWORD = 8;

/** Whether an API error's field has a control in the form to show it beside. */
function isShownField(field: string | undefined, isUnitLead: boolean): boolean {
  if (field === undefined) return false;
  if (field === 'unitIds') return isUnitLead;
  return ['username', 'displayName', 'role', 'password'].includes(field);
}

function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** The accounts: who they are, their role, their units, whether they may log in. */
export function UsersSection({ locale }: { locale: Locale }) {
  const { t } = useTranslation();
  const titleId = useId();
  const usersQuery = useUsersQuery();
  const unitsQuery = useUnitRecordsQuery();
  // The id, not the record: the dialog reads the latest version after a reload.
  const [editing, setEditing] = useState<number | 'new' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  let body: ReactNode;
  if (usersQuery.isPending || unitsQuery.isPending) body = <LoadingState />;
  else if (usersQuery.isError || unitsQuery.isError) {
    body = (
      <ErrorState
        error={usersQuery.error ?? unitsQuery.error}
        onRetry={() => {
          void usersQuery.refetch();
          void unitsQuery.refetch();
        }}
      />
    );
  } else {
    const units = unitsQuery.data;
    const codeOf = (id: number) => units.find((unit) => unit.id === id)?.code ?? `#${id}`;
    const current = editing === 'new' ? undefined : usersQuery.data.find((u) => u.id === editing);
    body = (
      <>
        <div className="table-scroll">
          <table className="summary-table admin-table" aria-labelledby={titleId}>
            <thead>
              <tr>
                <th scope="col">{t('admin.users.username')}</th>
                <th scope="col">{t('admin.users.displayName')}</th>
                <th scope="col">{t('admin.users.role')}</th>
                <th scope="col">{t('admin.users.units')}</th>
                <th scope="col">{t('admin.users.status')}</th>
                <th scope="col">{t('admin.users.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {usersQuery.data.map((user) => (
                <tr key={user.id} className={user.isDisabled ? 'is-disabled' : undefined}>
                  <th scope="row">
                    <code>{user.username}</code>
                  </th>
                  <td>{user.displayName}</td>
                  <td>{t(`roles.${user.role}`)}</td>
                  <td>{user.unitIds.map(codeOf).join(', ')}</td>
                  <td>{t(user.isDisabled ? 'admin.users.disabled' : 'admin.users.active')}</td>
                  <td>
                    <button
                      type="button"
                      className="button-secondary"
                      aria-label={t('admin.users.editLabel', { user: user.username })}
                      onClick={() => {
                        setNotice(null);
                        setEditing(user.id);
                      }}
                    >
                      {t('admin.users.edit')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {editing !== null && (editing === 'new' || current) && (
          <UserDialog
            user={current}
            units={units}
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
        <h2 id={titleId}>{t('admin.users.title')}</h2>
        <button
          type="button"
          className="button-primary"
          onClick={() => {
            setNotice(null);
            setEditing('new');
          }}
        >
          {t('admin.users.add')}
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

type FormState = {
  username: string;
  displayName: string;
  role: Role;
  unitIds: number[];
  password: string;
  isDisabled: boolean;
};

/** Add a user (`user` undefined) or change one, sending the version it was loaded at. */
function UserDialog({
  user,
  units,
  locale,
  onClose,
  onSaved,
}: {
  user: AdminUser | undefined;
  units: UnitRecord[];
  locale: Locale;
  onClose: () => void;
  onSaved: (message: string) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const isNew = user === undefined;
  const createMutation = useCreateUserMutation();
  const updateMutation = useUpdateUserMutation();
  const mutation = isNew ? createMutation : updateMutation;
  const options = useMemo(() => unitOptionsFromUnits(units), [units]);
  const [form, setForm] = useState<FormState>(() => ({
    username: user?.username ?? '',
    displayName: user?.displayName ?? '',
    role: user?.role ?? 'unit_lead',
    unitIds: user?.unitIds ?? [],
    password: '',
    isDisabled: user?.isDisabled ?? false,
  }));
  const [isSubmitted, setIsSubmitted] = useState(false);
  const update = (patch: Partial<FormState>) => setForm((previous) => ({ ...previous, ...patch }));

  const local: Partial<Record<keyof FormState, string>> = {};
  if (isNew && form.username.trim() === '') local.username = t('admin.required');
  if (form.displayName.trim() === '') local.displayName = t('admin.required');
  if ((isNew || form.password !== '') && form.password.length < MIN_PASSWORD) {
    local.password = t('admin.users.passwordShort');
  }
  const apiError = mutation.isError ? adminErrorView(mutation.error, t, locale) : undefined;
  const errorOf = (field: keyof FormState) =>
    (isSubmitted ? local[field] : undefined) ??
    (apiError?.field === field ? apiError.message : undefined);
  const isUnitLead = form.role === 'unit_lead';

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    setIsSubmitted(true);
    if (Object.keys(local).length > 0) return;
    const unitIds = isUnitLead ? form.unitIds : [];
    const displayName = form.displayName.trim();
    if (isNew) {
      createMutation.mutate(
        {
          username: form.username.trim(),
          displayName,
          role: form.role,
          unitIds,
          password: form.password,
        },
        { onSuccess: (created) => onSaved(t('admin.users.created', { user: created.username })) },
      );
    } else {
      updateMutation.mutate(
        {
          id: user.id,
          version: user.version,
          displayName,
          role: form.role,
          unitIds,
          isDisabled: form.isDisabled,
          ...(form.password !== '' && { password: form.password }),
        },
        { onSuccess: (saved) => onSaved(t('admin.users.saved', { user: saved.username })) },
      );
    }
  }

  const passwordError = errorOf('password');
  const passwordHint = isNew ? undefined : t('admin.users.newPasswordHint');
  return (
    <Modal
      title={
        isNew ? t('admin.users.addTitle') : t('admin.users.editTitle', { user: user.username })
      }
      onClose={onClose}
      closeLabel={t('admin.close')}
    >
      <form onSubmit={handleSubmit} noValidate className="admin-form">
        {isNew && (
          <Field
            id={`${id}-username`}
            label={t('admin.users.username')}
            error={errorOf('username')}
          >
            <input
              id={`${id}-username`}
              type="text"
              autoComplete="off"
              spellCheck={false}
              value={form.username}
              onChange={(event) => update({ username: event.target.value })}
              {...fieldAria(`${id}-username`, { error: errorOf('username') })}
              data-autofocus
            />
          </Field>
        )}
        <Field
          id={`${id}-name`}
          label={t('admin.users.displayName')}
          error={errorOf('displayName')}
        >
          <input
            id={`${id}-name`}
            type="text"
            autoComplete="off"
            value={form.displayName}
            onChange={(event) => update({ displayName: event.target.value })}
            {...fieldAria(`${id}-name`, { error: errorOf('displayName') })}
          />
        </Field>
        <Field id={`${id}-role`} label={t('admin.users.role')} error={errorOf('role')}>
          <select
            id={`${id}-role`}
            value={form.role}
            onChange={(event) => {
              if (isRole(event.target.value)) update({ role: event.target.value });
            }}
            {...fieldAria(`${id}-role`, { error: errorOf('role') })}
          >
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {t(`roles.${role}`)}
              </option>
            ))}
          </select>
        </Field>
        {isUnitLead && (
          <Field
            id={`${id}-units`}
            label={t('admin.users.units')}
            hint={t('admin.users.unitsHint')}
            error={errorOf('unitIds')}
          >
            <select
              id={`${id}-units`}
              multiple
              size={Math.min(8, options.length)}
              value={form.unitIds.map(String)}
              onChange={(event) =>
                update({
                  unitIds: [...event.target.selectedOptions].map((option) => Number(option.value)),
                })
              }
              {...fieldAria(`${id}-units`, {
                error: errorOf('unitIds'),
                hint: t('admin.users.unitsHint'),
              })}
            >
              {options.map((option) => (
                <option key={option.id} value={option.id}>
                  {unitOptionLabel(option)}
                </option>
              ))}
            </select>
          </Field>
        )}
        <Field
          id={`${id}-password`}
          label={isNew ? t('admin.users.password') : t('admin.users.newPassword')}
          hint={passwordHint}
          error={passwordError}
        >
          <input
            id={`${id}-password`}
            type="password"
            autoComplete="new-password"
            value={form.password}
            onChange={(event) => update({ password: event.target.value })}
            {...fieldAria(`${id}-password`, { error: passwordError, hint: passwordHint })}
          />
        </Field>
        {!isNew && (
          <div className="field field--checkbox">
            <label>
              <input
                type="checkbox"
                checked={form.isDisabled}
                onChange={(event) => update({ isDisabled: event.target.checked })}
              />{' '}
              {t('admin.users.isDisabled')}
            </label>
          </div>
        )}
        {apiError && !isShownField(apiError.field, isUnitLead) && (
          <p className="form-message form-message--error" role="alert">
            {apiError.message}
          </p>
        )}
        <div className="modal__actions">
          <button type="button" className="button-secondary" onClick={onClose}>
            {t('admin.cancel')}
          </button>
          <button type="submit" className="button-primary" disabled={mutation.isPending}>
            {mutation.isPending ? t('admin.saving') : t('admin.users.save')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
