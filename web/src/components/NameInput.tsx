// The display name's input, as the name prompt and the profile ask for it: one line of text, at
// most the contract's length, with the ids its Field gives it.
import { LIMITS } from "../../../api/contract/fields.ts";

export function NameInput(props: {
  a: { id: string; describedBy: string | undefined; invalid: boolean };
  value: string;
  onInput: (value: string) => void;
  onBlur?: () => void;
  /** "name" where a new member is asked, "nickname" where they change it. */
  autocomplete: "name" | "nickname";
  ref?: (el: HTMLInputElement) => void;
}) {
  return (
    <input
      id={props.a.id}
      ref={(el) => props.ref?.(el)}
      type="text"
      autocomplete={props.autocomplete}
      maxlength={LIMITS.displayNameMax}
      value={props.value}
      aria-describedby={props.a.describedBy}
      aria-invalid={props.a.invalid}
      onInput={(e) => props.onInput(e.currentTarget.value)}
      onBlur={() => props.onBlur?.()}
    />
  );
}
