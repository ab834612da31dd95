// "What should we call you?": shown above every page to a signed-in member who has not chosen a
// name yet, so at their first sign-in and before their first proposal. It never blocks the page
// (the person may be on their way to commit); saving, even the suggestion unchanged, counts as
// choosing and the prompt goes. The suggestion is the name the server made at sign-up.
import { createSignal, onCleanup } from "solid-js";
import { fields } from "../../../api/contract/fields.ts";
import { mutation } from "../data.ts";
import { t } from "../i18n/index.ts";
import { check } from "../validation.ts";
import type { User } from "../session.ts";
import { followMe, saveName } from "../me-channel.ts";
import { Field } from "./Field.tsx";
import { NameInput } from "./NameInput.tsx";
import { Failure, SubmitButton } from "./States.tsx";

/** Names from before issue 16 ("Member 1234") are no suggestion: the field starts empty. */
const suggestionOf = (user: User) => (/^Member \d{4}$/.test(user.displayName) ? "" : user.displayName);

export default function NamePrompt(props: { user: User }) {
  const [name, setName] = createSignal(suggestionOf(props.user));
  const [touched, setTouched] = createSignal(false);
  // A name saved in another tab of this browser takes this prompt away too.
  onCleanup(followMe());
  const saving = mutation(saveName);
  let input: HTMLInputElement | undefined;
  const error = () => (touched() ? check(fields.displayName, name()) : null);

  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    setTouched(true);
    if (check(fields.displayName, name())) input?.focus();
    else void saving.run(name().trim());
  };

  return (
    <section class="panel name-prompt" aria-labelledby="name-prompt-heading">
      <h2 id="name-prompt-heading">{t("namePrompt.title")}</h2>
      <p class="muted">{t("namePrompt.text")}</p>
      <form class="name-prompt__form" onSubmit={submit} novalidate>
        <Field label={t("namePrompt.label")} error={error()}>
          {(a) => (
            <NameInput a={a} ref={(el) => (input = el)} autocomplete="name" value={name()} onInput={setName} onBlur={() => setTouched(true)} />
          )}
        </Field>
        <SubmitButton pending={saving.pending} label={t("namePrompt.save")} pendingLabel={t("namePrompt.saving")} />
      </form>
      <Failure error={saving.error} />
    </section>
  );
}
