import type { Locale } from '@targetline/core';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Modal } from '../../ui/Modal';
import { type AdminErrorView, adminErrorView } from './admin-error';

/** Problems found before sending, by field: each shows once the user has tried to save. */
export type LocalErrors<F> = Partial<Record<keyof F, string>>;

type FormOptions<F> = {
  initial: () => F;
  /** The form's own checks; the dialog sends nothing while any fails. */
  validate: (form: F) => LocalErrors<F>;
  /** The add or the change mutation, whichever the dialog sends with. */
  mutation: { isError: boolean; error: unknown; isPending: boolean };
  locale: Locale;
};

/**
 * An admin dialog's form state: the values, each field's error (ours first, once
 * submitted, then the API's when it names that field) and the submit that checks
 * before calling `send`.
 */
export function useEntityForm<F extends object>({
  initial,
  validate,
  mutation,
  locale,
}: FormOptions<F>) {
  const { t } = useTranslation();
  const [form, setForm] = useState<F>(initial);
  const [isSubmitted, setIsSubmitted] = useState(false);
  const local = validate(form);
  const apiError = mutation.isError ? adminErrorView(mutation.error, t, locale) : undefined;
  const update = (patch: Partial<F>) => setForm((previous) => ({ ...previous, ...patch }));
  const errorOf = (field: keyof F) =>
    (isSubmitted ? local[field] : undefined) ??
    (apiError?.field === field ? apiError.message : undefined);
  return {
    form,
    update,
    errorOf,
    /** A field's value, error and change handler, for a TextField or a ChoiceField. */
    bind: <K extends keyof F>(field: K) => ({
      value: form[field],
      error: errorOf(field),
      onChange: (value: F[K]) => {
        const patch: Partial<F> = {};
        patch[field] = value;
        update(patch);
      },
    }),
    /** EntityDialog's submit, API error and pending state; `send` runs once our checks pass. */
    dialogProps: (send: (values: F) => void) => ({
      onSubmit: (event: FormEvent) => {
        event.preventDefault();
        setIsSubmitted(true);
        if (Object.keys(local).length > 0) return;
        send(form);
      },
      apiError,
      isPending: mutation.isPending,
    }),
  };
}

type DialogProps = {
  title: string;
  onClose: () => void;
  onSubmit: (event: FormEvent) => void;
  /** The API's refusal, shown above the buttons unless a field of the form shows it. */
  apiError: AdminErrorView | undefined;
  isFieldShown: (field: string | undefined) => boolean;
  isPending: boolean;
  saveLabel: string;
  /** The labelled fields; the first one marked `data-autofocus` gets the focus. */
  children: ReactNode;
};

/** The add/edit dialog of an admin list: its form, the error no field shows, Cancel and Save. */
export function EntityDialog({
  title,
  onClose,
  onSubmit,
  apiError,
  isFieldShown,
  isPending,
  saveLabel,
  children,
}: DialogProps) {
  const { t } = useTranslation();
  return (
    <Modal title={title} onClose={onClose} closeLabel={t('admin.close')}>
      <form onSubmit={onSubmit} noValidate className="admin-form">
        {children}
        {apiError && !isFieldShown(apiError.field) && (
          <p className="form-message form-message--error" role="alert">
            {apiError.message}
          </p>
        )}
        <div className="modal__actions">
          <button type="button" className="button-secondary" onClick={onClose}>
            {t('admin.cancel')}
          </button>
          <button type="submit" className="button-primary" disabled={isPending}>
            {isPending ? t('admin.saving') : saveLabel}
          </button>
        </div>
      </form>
    </Modal>
  );
}
