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

type TextFieldProps = {
  id: string;
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'password' | 'email';
  autoComplete?: string;
  /** False for codes and user names, which are not words. */
  spellCheck?: boolean;
  /** The control a dialog focuses first (see Modal). */
  hasAutofocus?: boolean;
};

/** A one-line text input in a Field. */
export function TextField({
  id,
  label,
  error,
  hint,
  value,
  onChange,
  type = 'text',
  autoComplete = 'off',
  spellCheck,
  hasAutofocus = false,
}: TextFieldProps) {
  return (
    <Field id={id} label={label} error={error} hint={hint}>
      <input
        id={id}
        type={type}
        autoComplete={autoComplete}
        spellCheck={spellCheck}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        {...fieldAria(id, { error, hint })}
        data-autofocus={hasAutofocus || undefined}
      />
    </Field>
  );
}

type ChoiceFieldProps<T extends string> = {
  id: string;
  label: string;
  error?: string | undefined;
  value: T;
  choices: readonly T[];
  labelOf: (choice: T) => string;
  onChange: (choice: T) => void;
};

/** A select of one of a fixed set of values (a role, a kind of unit) in a Field. */
export function ChoiceField<T extends string>({
  id,
  label,
  error,
  value,
  choices,
  labelOf,
  onChange,
}: ChoiceFieldProps<T>) {
  return (
    <Field id={id} label={label} error={error}>
      <select
        id={id}
        value={value}
        onChange={(event) => {
          // Only a value of the set reaches the form, whatever the DOM was made to hold.
          const choice = choices.find((item) => item === event.target.value);
          if (choice !== undefined) onChange(choice);
        }}
        {...fieldAria(id, { error })}
      >
        {choices.map((choice) => (
          <option key={choice} value={choice}>
            {labelOf(choice)}
          </option>
        ))}
      </select>
    </Field>
  );
}
