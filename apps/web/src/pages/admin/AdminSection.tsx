import { type ReactNode, useState } from 'react';

/**
 * Which record of an admin list is open in its dialog ('new' for adding), and the
 * message of the last save. The id, not the record: the dialog reads the latest
 * version after a reload.
 */
export function useAdminEditing() {
  const [target, setTarget] = useState<number | 'new' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  return {
    target,
    notice,
    /** Opening a dialog clears the last save's message. */
    open: (next: number | 'new') => {
      setNotice(null);
      setTarget(next);
    },
    close: () => setTarget(null),
    saved: (message: string) => {
      setNotice(message);
      setTarget(null);
    },
  };
}

type Props = {
  /** Labels the section and, through `aria-labelledby`, its table. */
  titleId: string;
  title: string;
  addLabel: string;
  /** Add opens its dialog; its last save's message shows under the title. */
  editing: ReturnType<typeof useAdminEditing>;
  /** The table (or its loading or error state) and the open dialog. */
  children: ReactNode;
};

/** An admin list's panel: its title, the add button and the last save's message. */
export function AdminSection({ titleId, title, addLabel, editing, children }: Props) {
  return (
    <section className="panel" aria-labelledby={titleId}>
      <div className="panel__head">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="button-primary" onClick={() => editing.open('new')}>
          {addLabel}
        </button>
      </div>
      {editing.notice && (
        <p className="form-message form-message--success" role="status">
          {editing.notice}
        </p>
      )}
      {children}
    </section>
  );
}

/** A row's edit button, named after the record for screen readers ("Edit lead-tt-atm"). */
export function EditCell({
  label,
  ariaLabel,
  onEdit,
}: {
  label: string;
  ariaLabel: string;
  onEdit: () => void;
}) {
  return (
    <td>
      <button type="button" className="button-secondary" aria-label={ariaLabel} onClick={onEdit}>
        {label}
      </button>
    </td>
  );
}
