// My profile: the display name others see, the time zone of the times in emails, signing out,
// and signing out on every device.
import { useNavigate } from "@solidjs/router";
import { createSignal, For, Show } from "solid-js";
import { fields } from "../../../../api/contract/fields.ts";
import { mutation } from "../../data.ts";
import { t } from "../../i18n/index.ts";
import { check } from "../../validation.ts";
import { updateMe, type User } from "../../session.ts";
import { saveName } from "../../me-channel.ts";
import { signOut, signOutEverywhere } from "./account.ts";
import { ConfirmDialog } from "../../components/ConfirmDialog.tsx";
import { Field } from "../../components/Field.tsx";
import { NameInput } from "../../components/NameInput.tsx";
import { Failure, SubmitButton } from "../../components/States.tsx";


/** Every zone the browser knows, UTC first, with the member's own even if the list lacks it. */
function zoneChoices(current: string | null): string[] {
  let known: string[] = [];
  try {
    known = Intl.supportedValuesOf("timeZone");
  } catch {
    known = [];
  }
  return [...new Set(["UTC", ...(current ? [current] : []), ...known])];
}

function TimeZoneForm(props: { user: User }) {
  const here = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const [zone, setZone] = createSignal(props.user.timeZone ?? "");
  const saving = mutation((timeZone: string) => updateMe({ timeZone }));
  const saved = () => saving.result?.timeZone === zone();
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    if (zone()) void saving.run(zone());
  };
  return (
    <form class="profile__zone" onSubmit={submit} novalidate>
      <Field label={t("me.timeZone")} hint={`${t("me.timeZoneHint")} ${here ? t("me.timeZoneDetected", { zone: here }) : ""}`}>
        {(a) => (
          <select id={a.id} aria-describedby={a.describedBy} value={zone()} onChange={(e) => setZone(e.currentTarget.value)}>
            <Show when={!props.user.timeZone}>
              <option value="">{t("me.timeZoneUnset")}</option>
            </Show>
            <For each={zoneChoices(props.user.timeZone)}>{(z) => <option value={z}>{z.replaceAll("_", " ")}</option>}</For>
          </select>
        )}
      </Field>
      <SubmitButton pending={saving.pending} disabled={!zone() || zone() === props.user.timeZone} label={t("me.timeZoneSave")} pendingLabel={t("me.saving")} />
      <p role="status" class="form-status">
        <Show when={saved()}>{t("me.saved")}</Show>
      </p>
      <Failure error={saving.error} />
    </form>
  );
}

export function Profile(props: { user: User }) {
  const [name, setName] = createSignal(props.user.displayName);
  const navigate = useNavigate();
  const saving = mutation(saveName);
  const signingOut = mutation(signOut);
  const signingOutEverywhere = mutation(signOutEverywhere);
  const [askingEverywhere, setAskingEverywhere] = createSignal(false);
  const error = () => check(fields.displayName, name());

  // Saved, until the name is changed again.
  const saved = () => saving.result?.displayName === name().trim();

  const leave = async () => {
    await signingOut.run();
    if (!signingOut.error) navigate("/");
  };

  const leaveEverywhere = async () => {
    await signingOutEverywhere.run();
    setAskingEverywhere(false);
    if (!signingOutEverywhere.error) navigate("/");
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
          {(a) => <NameInput a={a} autocomplete="nickname" value={name()} onInput={setName} />}
        </Field>
        <SubmitButton pending={saving.pending} disabled={!!error()} label={t("me.save")} pendingLabel={t("me.saving")} />
        <p role="status" class="form-status">
          <Show when={saved()}>{t("me.saved")}</Show>
        </p>
        <Failure error={saving.error ?? signingOut.error ?? signingOutEverywhere.error} />
      </form>
      <TimeZoneForm user={props.user} />
      <button type="button" class="button button--secondary" onClick={() => void leave()}>
        {t("me.signOut")}
      </button>
      <button type="button" class="button button--secondary" onClick={() => setAskingEverywhere(true)}>
        {t("me.signOutEverywhere")}
      </button>
      <ConfirmDialog
        open={askingEverywhere()}
        title={t("me.signOutEverywhere.title")}
        text={t("me.signOutEverywhere.text")}
        confirmLabel={t("me.signOutEverywhere")}
        cancelLabel={t("me.signOutEverywhere.keep")}
        busy={signingOutEverywhere.pending}
        danger
        onConfirm={() => void leaveEverywhere()}
        onClose={() => setAskingEverywhere(false)}
      />
    </aside>
  );
}
