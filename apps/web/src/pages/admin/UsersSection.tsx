import type { AdminUser, UnitRecord } from '@targetline/contract';
import type { Locale, Role } from '@targetline/core';
import { type ReactNode, useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import {
  useCreateUserMutation,
  useUnitRecordsQuery,
  useUpdateUserMutation,
  useUsersQuery,
} from '../../api/admin';
import { unitOptionLabel, unitOptionsFromUnits } from '../../forms/unit-options';
import { ErrorState, LoadingState } from '../../ui/StateMessages';
import { AdminSection, EditCell, useAdminEditing } from './AdminSection';
import { requiredTextError } from './admin-error';
import { EntityDialog, type LocalErrors, useEntityForm } from './EntityDialog';
import { ChoiceField, Field, fieldAria, TextField } from './Field';

const ROLES: readonly Role[] = ['admin', 'director', 'planner', 'unit_lead', 'viewer'];
const MIN_PASSWORD = 8;
const LOCALES: readonly Locale[] = ['vi', 'en'];
/** The API's rule (EMAIL_PATTERN in the contract), checked here too so the field says it at once. */
const EMAIL = /^[^\s@<>,;"]+@[^\s@<>,;"]+\.[^\s@<>,;"]+$/;

/** Whether an API error's field has a control in the form to show it beside. */
function isShownField(field: string | undefined, isUnitLead: boolean): boolean {
  if (field === undefined) return false;
  if (field === 'unitIds') return isUnitLead;
  return ['username', 'displayName', 'role', 'password', 'email', 'locale'].includes(field);
}

/** The accounts: who they are, their role, their units, whether they may log in. */
export function UsersSection({ locale }: { locale: Locale }) {
  const { t } = useTranslation();
  const titleId = useId();
  const usersQuery = useUsersQuery();
  const unitsQuery = useUnitRecordsQuery();
  const editing = useAdminEditing();

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
    const current =
      editing.target === 'new' ? undefined : usersQuery.data.find((u) => u.id === editing.target);
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
                  <EditCell
                    label={t('admin.users.edit')}
                    ariaLabel={t('admin.users.editLabel', { user: user.username })}
                    onEdit={() => editing.open(user.id)}
                  />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {editing.target !== null && (editing.target === 'new' || current) && (
          <UserDialog
            user={current}
            units={units}
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
      title={t('admin.users.title')}
      addLabel={t('admin.users.add')}
      editing={editing}
    >
      {body}
    </AdminSection>
  );
}

type FormState = {
  username: string;
  displayName: string;
  role: Role;
  unitIds: number[];
  password: string;
  isDisabled: boolean;
  /** Empty: no mail. */
  email: string;
  locale: Locale;
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
  const { form, update, errorOf, bind, dialogProps } = useEntityForm<FormState>({
    initial: () => ({
      username: user?.username ?? '',
      displayName: user?.displayName ?? '',
      role: user?.role ?? 'unit_lead',
      unitIds: user?.unitIds ?? [],
      password: '',
      isDisabled: user?.isDisabled ?? false,
      email: user?.email ?? '',
      locale: user?.locale ?? 'vi',
    }),
    validate: (values) => {
      const local: LocalErrors<FormState> = {};
      const usernameError = isNew && requiredTextError(values.username, t);
      if (usernameError) local.username = usernameError;
      const displayNameError = requiredTextError(values.displayName, t);
      if (displayNameError) local.displayName = displayNameError;
      if ((isNew || values.password !== '') && values.password.length < MIN_PASSWORD) {
        local.password = t('admin.users.passwordShort');
      }
      const email = values.email.trim();
      if (email !== '' && (email.length > 254 || !EMAIL.test(email))) {
        local.email = t('admin.users.emailInvalid');
      }
      return local;
    },
    mutation,
    locale,
  });
  const isUnitLead = form.role === 'unit_lead';

  function send(values: FormState) {
    const unitIds = isUnitLead ? values.unitIds : [];
    const displayName = values.displayName.trim();
    const email = values.email.trim() === '' ? null : values.email.trim();
    if (isNew) {
      createMutation.mutate(
        {
          username: values.username.trim(),
          displayName,
          role: values.role,
          unitIds,
          password: values.password,
          email,
          locale: values.locale,
        },
        { onSuccess: (created) => onSaved(t('admin.users.created', { user: created.username })) },
      );
    } else {
      updateMutation.mutate(
        {
          id: user.id,
          version: user.version,
          displayName,
          role: values.role,
          unitIds,
          isDisabled: values.isDisabled,
          email,
          locale: values.locale,
          ...(values.password !== '' && { password: values.password }),
        },
        { onSuccess: (saved) => onSaved(t('admin.users.saved', { user: saved.username })) },
      );
    }
  }

  const passwordHint = isNew ? undefined : t('admin.users.newPasswordHint');
  return (
    <EntityDialog
      title={
        isNew ? t('admin.users.addTitle') : t('admin.users.editTitle', { user: user.username })
      }
      onClose={onClose}
      {...dialogProps(send)}
      isFieldShown={(field) => isShownField(field, isUnitLead)}
      saveLabel={t('admin.users.save')}
    >
      {isNew && (
        <TextField
          id={`${id}-username`}
          label={t('admin.users.username')}
          {...bind('username')}
          spellCheck={false}
          hasAutofocus
        />
      )}
      <TextField id={`${id}-name`} label={t('admin.users.displayName')} {...bind('displayName')} />
      <ChoiceField
        id={`${id}-role`}
        label={t('admin.users.role')}
        {...bind('role')}
        choices={ROLES}
        labelOf={(role) => t(`roles.${role}`)}
      />
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
      <TextField
        id={`${id}-email`}
        label={t('admin.users.email')}
        hint={t('admin.users.emailHint')}
        {...bind('email')}
        type="email"
        autoComplete="off"
        spellCheck={false}
      />
      <ChoiceField
        id={`${id}-locale`}
        label={t('admin.users.mailLanguage')}
        {...bind('locale')}
        choices={LOCALES}
        labelOf={(option) => t(`language.${option}Name`)}
      />
      <TextField
        id={`${id}-password`}
        label={isNew ? t('admin.users.password') : t('admin.users.newPassword')}
        hint={passwordHint}
        {...bind('password')}
        type="password"
        autoComplete="new-password"
      />
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
    </EntityDialog>
  );
}
