import { useTranslation } from 'react-i18next';

type Props = { id: string; value: string; onChange: (value: string) => void };

/** The optional reason for a change, kept with it in the change history. */
export function CommentField({ id, value, onChange }: Props) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label htmlFor={id}>
        {t('forms.comment')}
        <span className="field__optional"> ({t('forms.optional')})</span>
      </label>
      <input
        id={id}
        type="text"
        maxLength={1000}
        autoComplete="off"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-describedby={`${id}-hint`}
      />
      <p id={`${id}-hint`} className="field__hint">
        {t('forms.commentHint')}
      </p>
    </div>
  );
}
