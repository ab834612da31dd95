// One control of the propose form in its Field (label, hint, error): bound to the form's value,
// marked as visited when the person leaves it.
import { type JSX, splitProps } from "solid-js";
import { Field } from "../../components/Field.tsx";
import { t } from "../../i18n/index.ts";
import type { ProposalForm } from "./proposal.ts";

export type InputName = Exclude<keyof ProposalForm, "kind" | "visibility">;

/** What a control needs of the form. */
export interface ProposalControls {
  value: (name: InputName) => string;
  set: (name: InputName, value: string) => void;
  leave: (name: InputName) => void;
  error: (name: InputName) => string | undefined;
  /** Editing a deal someone committed to: the field shows its value, and says it is locked. */
  locked?: (name: InputName) => boolean;
}

type InputProps = Omit<JSX.InputHTMLAttributes<HTMLInputElement>, "form" | "name" | "value" | "class" | "onInput" | "onBlur">;

export function ProposalInput(
  props: { controls: ProposalControls; name: InputName; label: string; hint?: string; class?: string; multiline?: boolean } & InputProps,
) {
  const [own, attrs] = splitProps(props, ["controls", "name", "label", "hint", "class", "multiline"]);
  const onInput = (e: { currentTarget: HTMLInputElement | HTMLTextAreaElement }) => own.controls.set(own.name, e.currentTarget.value);
  const onBlur = () => own.controls.leave(own.name);
  const locked = () => own.controls.locked?.(own.name) ?? false;
  return (
    <Field
      label={locked() ? `${own.label} (${t("manage.edit.lockedField")})` : own.label}
      hint={own.hint}
      error={own.controls.error(own.name)}
      class={`${own.class ?? ""}${locked() ? " field--locked" : ""}`}
    >
      {(a) =>
        own.multiline ? (
          <textarea
            id={a.id}
            rows="5"
            maxlength={attrs.maxlength}
            value={own.controls.value(own.name)}
            readonly={locked()}
            aria-describedby={a.describedBy}
            aria-invalid={a.invalid}
            onInput={onInput}
            onBlur={onBlur}
          />
        ) : (
          <input
            id={a.id}
            {...attrs}
            value={own.controls.value(own.name)}
            readonly={locked()}
            aria-describedby={a.describedBy}
            aria-invalid={a.invalid}
            onInput={onInput}
            onBlur={onBlur}
          />
        )
      }
    </Field>
  );
}
