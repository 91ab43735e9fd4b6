import type { ReactNode } from 'react';

type Props = {
  id: string;
  label: string;
  /** Shown under the control, in red, and announced with it. */
  error?: string | undefined;
  hint?: string | undefined;
  /** The control; it must carry `id`, and gets its aria attributes from `fieldAria`. */
  children: ReactNode;
};

/** The aria attributes of a control inside a Field. */
export function fieldAria(
  id: string,
  { error, hint }: { error?: string | undefined; hint?: string | undefined },
) {
  const describedBy = [error && `${id}-error`, hint && `${id}-hint`].filter(Boolean).join(' ');
  return {
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy || undefined,
  } as const;
}

/** A labelled control with its hint and its error, in the forms' markup. */
export function Field({ id, label, error, hint, children }: Props) {
  return (
    <div className={error ? 'field field--invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field__hint field__hint--error">
          {error}
        </p>
      )}
    </div>
  );
}
