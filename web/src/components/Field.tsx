// A form control with its label, an optional hint and its error, wired together for assistive
// technology (aria-describedby, aria-invalid).
import { createUniqueId, type JSX, Show } from "solid-js";

interface FieldProps {
  label: string;
  hint?: string;
  error?: string | null | undefined;
  class?: string;
  /** Renders the control with the ids it must carry. */
  children: (a: { id: string; describedBy: string | undefined; invalid: boolean }) => JSX.Element;
}

export function Field(props: FieldProps) {
  const id = createUniqueId();
  const describedBy = () =>
    [props.hint ? `${id}-hint` : null, props.error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div class={`field ${props.class ?? ""}`} classList={{ "field--invalid": !!props.error }}>
      <label for={id}>{props.label}</label>
      <Show when={props.hint}>
        <p class="field__hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      </Show>
      {props.children({
        get id() {
          return id;
        },
        get describedBy() {
          return describedBy();
        },
        get invalid() {
          return !!props.error;
        },
      })}
      <Show when={props.error}>
        <p class="field__error" id={`${id}-error`}>
          {props.error}
        </p>
      </Show>
    </div>
  );
}
