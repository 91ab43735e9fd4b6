import { useTranslation } from 'react-i18next';
import { type UnitOption, unitOptionLabel } from './unit-options';

type Props = {
  id: string;
  units: readonly UnitOption[];
  value: number | undefined;
  onChange: (unitId: number) => void;
};

/** The labelled unit picker of the entry forms, units indented by depth. */
export function UnitSelect({ id, units, value, onChange }: Props) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label htmlFor={id}>{t('forms.unit')}</label>
      <select
        id={id}
        value={value ?? ''}
        onChange={(event) => onChange(Number(event.target.value))}
      >
        {units.map((option) => (
          <option key={option.id} value={option.id}>
            {unitOptionLabel(option)}
          </option>
        ))}
      </select>
    </div>
  );
}
