// Asks before an action that cannot be taken back. A native modal <dialog>: it traps focus,
// closes on Escape, and returns focus to the button that opened it. The browser closes it on
// Escape at once but fires its close event a task later; the page hears of Escape from the cancel
// event, which comes first, so a press of the button in between opens it again.
import { createEffect, createUniqueId, type JSX } from "solid-js";

interface ConfirmDialogProps {
  open: boolean;
  title: string;
  text: string;
  confirmLabel: string;
  cancelLabel: string;
  busy?: boolean;
  danger?: boolean;
  onConfirm: () => void;
  onClose: () => void;
  /** More to say, under the text (what an action takes and what it leaves). */
  children?: JSX.Element;
}

export function ConfirmDialog(props: ConfirmDialogProps) {
  let dialog: HTMLDialogElement | undefined;
  const id = createUniqueId();
  createEffect(() => {
    const open = props.open;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal?.();
    if (!open && dialog.open) dialog.close();
  });
  return (
    <dialog
      ref={(el) => (dialog = el)}
      class="dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-text`}
      onCancel={() => props.onClose()}
      // A close event from an earlier close, arriving once the dialog was opened again, is old news.
      onClose={() => {
        if (!dialog?.open) props.onClose();
      }}
    >
      <h2 id={`${id}-title`}>{props.title}</h2>
      <p id={`${id}-text`}>{props.text}</p>
      {props.children}
      <div class="dialog__actions">
        <button type="button" class="button button--secondary" autofocus onClick={() => props.onClose()}>
          {props.cancelLabel}
        </button>
        <button
          type="button"
          class="button"
          classList={{ "button--danger": props.danger }}
          disabled={props.busy}
          onClick={() => props.onConfirm()}
        >
          {props.confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
