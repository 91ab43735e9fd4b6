import type { PaceSettings as PaceSettingsRecord } from '@targetline/contract';
import { formatPercent, type Locale, type PaceThresholds } from '@targetline/core';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { serverErrorMessage } from '../api/error-message';
import { usePaceSettingsQuery, useSavePaceSettingsMutation } from '../api/hooks';

type Props = {
  /** The thresholds the summary was computed with. */
  thresholds: PaceThresholds;
  /** Directors and admins may change them. */
  canEdit: boolean;
  locale: Locale;
};

/** "50" or "85,5" (a percentage as typed) → 0.5 / 0.855; null when it is not a number in 0..1000. */
export function percentInput(text: string): number | null {
  const normalised = text.trim().replace('%', '').replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(normalised)) return null;
  const value = Number(normalised);
  return value <= 1000 ? value / 100 : null;
}

const asInput = (ratio: number) => String(Math.round(ratio * 1000) / 10).replace('.', ',');

/** The pace thresholds in a disclosure: read by all, changed by directors and admins. */
export function PaceSettings({ thresholds, canEdit, locale }: Props) {
  const { t } = useTranslation();
  const [isOpen, setIsOpen] = useState(false);
  return (
    <details
      className="pace-settings"
      onToggle={(event) => setIsOpen((event.target as HTMLDetailsElement).open)}
    >
      <summary>{t('analysis.pace.open')}</summary>
      <div className="pace-settings__body">
        <p>
          {t('analysis.pace.current', {
            onTrack: formatPercent(thresholds.onTrack, locale, 0),
            atRisk: formatPercent(thresholds.atRisk, locale, 0),
          })}
        </p>
        {canEdit && isOpen && <PaceForm />}
      </div>
    </details>
  );
}

function PaceForm() {
  const query = usePaceSettingsQuery();
  const { t } = useTranslation();
  // Here, not in the fields: the message outlives their remount after a conflict.
  const [message, setMessage] = useState<Message>();
  if (query.isPending) return <p>{t('analysis.loading')}</p>;
  if (query.isError) return <p role="alert">{serverErrorMessage(query.error, t)}</p>;
  // Remount on a new version, so the fields show the values saved meanwhile.
  return (
    <PaceFields
      key={query.data.version}
      settings={query.data}
      message={message}
      setMessage={setMessage}
    />
  );
}

type Message = { text: string; isError: boolean };

function PaceFields({
  settings,
  message,
  setMessage,
}: {
  settings: PaceSettingsRecord;
  message: Message | undefined;
  setMessage: (message: Message | undefined) => void;
}) {
  const { t } = useTranslation();
  const mutation = useSavePaceSettingsMutation();
  const onTrackId = useId();
  const atRiskId = useId();
  const [onTrack, setOnTrack] = useState(asInput(settings.onTrack));
  const [atRisk, setAtRisk] = useState(asInput(settings.atRisk));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const onTrackValue = percentInput(onTrack);
    const atRiskValue = percentInput(atRisk);
    if (onTrackValue === null || atRiskValue === null) {
      setMessage({ text: t('analysis.pace.invalid'), isError: true });
      return;
    }
    if (atRiskValue > onTrackValue) {
      setMessage({ text: t('analysis.pace.order'), isError: true });
      return;
    }
    setMessage(undefined);
    mutation.mutate(
      { onTrack: onTrackValue, atRisk: atRiskValue, version: settings.version },
      {
        onSuccess: () => setMessage({ text: t('analysis.pace.saved'), isError: false }),
        onError: (error) => {
          if (error instanceof ApiError && error.status === 409) {
            setMessage({ text: t('analysis.pace.conflict'), isError: true });
          } else if (error instanceof ApiError && error.field === 'atRisk') {
            setMessage({ text: t('analysis.pace.order'), isError: true });
          } else {
            setMessage({
              text: t('analysis.pace.failed', { message: serverErrorMessage(error, t) }),
              isError: true,
            });
          }
        },
      },
    );
  };

  return (
    <form className="pace-settings__form" onSubmit={onSubmit} noValidate>
      <div className="field">
        <label htmlFor={onTrackId}>{t('analysis.pace.onTrack')}</label>
        <input
          id={onTrackId}
          inputMode="decimal"
          value={onTrack}
          onChange={(event) => setOnTrack(event.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={atRiskId}>{t('analysis.pace.atRisk')}</label>
        <input
          id={atRiskId}
          inputMode="decimal"
          value={atRisk}
          onChange={(event) => setAtRisk(event.target.value)}
        />
      </div>
      <div className="form-actions">
        <button type="submit" disabled={mutation.isPending}>
          {t('analysis.pace.save')}
        </button>
      </div>
      {message && (
        <p
          className={
            message.isError
              ? 'form-message form-message--error'
              : 'form-message form-message--success'
          }
          role={message.isError ? 'alert' : 'status'}
        >
          {message.text}
        </p>
      )}
    </form>
  );
}
