// My profile: the display name others see, and signing out.
import { useNavigate } from "@solidjs/router";
import { createSignal, Show } from "solid-js";
import { fields, LIMITS } from "../../../../api/contract/fields.ts";
import { api, data } from "../../api.ts";
import { mutation } from "../../data.ts";
import { t } from "../../i18n/index.ts";
import { check } from "../../validation.ts";
import { setUser, signOut, type User } from "../../session.ts";
import { Field } from "../../components/Field.tsx";
import { Failure, SubmitButton } from "../../components/States.tsx";

async function saveName(displayName: string) {
  const { user } = await data(api.me.$patch({ json: { displayName } }));
  setUser(user);
  return user;
}

export function Profile(props: { user: User }) {
  const [name, setName] = createSignal(props.user.displayName);
  const navigate = useNavigate();
  const saving = mutation(saveName);
  const signingOut = mutation(signOut);
  const error = () => check(fields.displayName, name());

  // Saved, until the name is changed again.
  const saved = () => saving.result?.displayName === name().trim();

  const leave = async () => {
    await signingOut.run();
    if (!signingOut.error) navigate("/");
  };

  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    if (!error()) void saving.run(name().trim());
  };

  return (
    <aside class="panel profile" aria-labelledby="profile-heading">
      <h2 id="profile-heading">{t("me.profile")}</h2>
      <p class="muted">{t("me.signedInAs", { email: props.user.email })}</p>
      <form onSubmit={submit} novalidate>
        <Field label={t("me.displayName")} hint={t("me.displayNameHint")} error={error()}>
          {(a) => (
            <input
              id={a.id}
              type="text"
              autocomplete="nickname"
              maxlength={LIMITS.displayNameMax}
              value={name()}
              aria-describedby={a.describedBy}
              aria-invalid={a.invalid}
              onInput={(e) => setName(e.currentTarget.value)}
            />
          )}
        </Field>
        <SubmitButton pending={saving.pending} disabled={!!error()} label={t("me.save")} pendingLabel={t("me.saving")} />
        <p role="status" class="form-status">
          <Show when={saved()}>{t("me.saved")}</Show>
        </p>
        <Failure error={saving.error ?? signingOut.error} />
      </form>
      <button type="button" class="button button--secondary" onClick={() => void leave()}>
        {t("me.signOut")}
      </button>
    </aside>
  );
}
