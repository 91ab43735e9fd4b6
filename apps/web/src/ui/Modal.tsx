import { type KeyboardEvent, type ReactNode, useEffect, useId, useRef } from 'react';
import { createPortal } from 'react-dom';

type Props = {
  title: string;
  /** A line under the title, e.g. the unit and quarter. */
  subtitle?: string | undefined;
  /** Escape, the close button and the backdrop all call this. */
  onClose: () => void;
  closeLabel: string;
  children: ReactNode;
  /** 'alertdialog' for a choice that must be made (a conflict). */
  role?: 'dialog' | 'alertdialog';
};

const FOCUSABLE =
  'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * A modal dialog on the native <dialog>: `showModal()` makes the rest of the page
 * inert, which traps focus, where the browser has it (jsdom does not, so Tab is
 * kept inside by hand too). Focus moves to the first control marked
 * `data-autofocus`, else the first control, and returns where it was on close.
 */
export function Modal({ title, subtitle, onClose, closeLabel, children, role = 'dialog' }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (typeof dialog.showModal === 'function') {
      if (!dialog.open) dialog.showModal();
    } else {
      dialog.setAttribute('open', '');
    }
    const first =
      dialog.querySelector<HTMLElement>('[data-autofocus]') ??
      dialog.querySelector<HTMLElement>(FOCUSABLE);
    first?.focus();
    // On the document, so Escape still closes after the focused control went away (e.g. "load more").
    const onEscape = (event: globalThis.KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      event.preventDefault();
      onCloseRef.current();
    };
    document.addEventListener('keydown', onEscape);
    return () => {
      document.removeEventListener('keydown', onEscape);
      if (typeof dialog.close === 'function' && dialog.open) dialog.close();
      opener?.focus();
    };
  }, []);

  function handleKeyDown(event: KeyboardEvent<HTMLDialogElement>) {
    if (event.key !== 'Tab' || !ref.current) return;
    const items = [...ref.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const first = items[0];
    const last = items.at(-1);
    if (!first || !last) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  }

  // In <body>, not where it is opened (a table header, a form): no inherited styles, no nested forms.
  return createPortal(
    <dialog
      ref={ref}
      className="modal"
      role={role === 'alertdialog' ? 'alertdialog' : undefined}
      aria-modal="true"
      aria-labelledby={titleId}
      onKeyDown={handleKeyDown}
      onCancel={(event) => {
        // The browser's own Escape handling: close through React so state stays in step.
        event.preventDefault();
        onCloseRef.current();
      }}
    >
      <div className="modal__head">
        <div>
          <h2 id={titleId} className="modal__title">
            {title}
          </h2>
          {subtitle && <p className="modal__subtitle">{subtitle}</p>}
        </div>
        <button
          type="button"
          className="modal__close"
          aria-label={closeLabel}
          onClick={() => onCloseRef.current()}
        >
          <span aria-hidden="true">×</span>
        </button>
      </div>
      <div className="modal__body">{children}</div>
    </dialog>,
    document.body,
  );
}
