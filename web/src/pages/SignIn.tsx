// Sign-in by email link: ask for a link; in development mode, point to the mailbox.
import { A, useSearchParams } from "@solidjs/router";
import { createSignal, Show } from "solid-js";
import { fields } from "../../../api/contract/fields.ts";
import { api, data } from "../api.ts";
import { lang, t } from "../i18n/index.ts";
import { errorText } from "../errors.ts";
import { check } from "../validation.ts";
import { Field } from "../components/Field.tsx";
import { PageHeading } from "../components/States.tsx";
import { usePageTitle } from "../title.ts";
import { rememberReturn } from "../returnTo.ts";

export default function SignIn() {
  usePageTitle(() => t("signIn.title"));
  const [params] = useSearchParams<{ next?: string }>();
  rememberReturn(params.next);
  const [email, setEmail] = createSignal("");
  const [touched, setTouched] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [sentTo, setSentTo] = createSignal<string | null>(null);
  const [failure, setFailure] = createSignal<string | null>(null);
  const [devMode, setDevMode] = createSignal(false);
  let input: HTMLInputElement | undefined;
  const error = () => (touched() ? check(fields.email, email().trim()) : null);

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setTouched(true);
    setFailure(null);
    const address = email().trim();
    if (check(fields.email, address)) {
      input?.focus();
      return;
    }
    setBusy(true);
    try {
      await data(api.auth.email.$post({ json: { email: address, locale: lang() } }));
      setSentTo(address);
      // Only a development server has a mailbox; elsewhere this answers 404 and nothing shows.
      const clock = await api.dev.clock.$get().catch(() => null);
      setDevMode(!!clock?.ok);
    } catch (err) {
      setFailure(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="narrow">
      <PageHeading>{t("signIn.title")}</PageHeading>
      <Show
        when={sentTo()}
        fallback={
          <form class="panel" onSubmit={submit} novalidate>
            <p>{t("signIn.intro")}</p>
            <Field label={t("signIn.email")} error={error()}>
              {(a) => (
                <input
                  id={a.id}
                  ref={(el) => (input = el)}
                  type="email"
                  autocomplete="email"
                  required
                  value={email()}
                  aria-invalid={a.invalid}
                  aria-describedby={a.describedBy}
                  onInput={(e) => setEmail(e.currentTarget.value)}
                  onBlur={() => setTouched(true)}
                />
              )}
            </Field>
            <Show when={failure()}>
              <p class="notice notice--error" role="alert">
                {failure()}
              </p>
            </Show>
            <button type="submit" class="button button--block" disabled={busy()}>
              {busy() ? t("signIn.sending") : t("signIn.submit")}
            </button>
          </form>
        }
      >
        {(to) => (
          <div class="panel">
            <p role="status" class="notice notice--success">
              {t("signIn.sent", { email: to() })}
            </p>
            <Show when={devMode()}>
              <p>
                <A href={`/dev/mailbox?to=${encodeURIComponent(to())}`}>{t("signIn.devMailbox")}</A>
              </p>
            </Show>
            <button type="button" class="button button--secondary" onClick={() => setSentTo(null)}>
              {t("signIn.again")}
            </button>
          </div>
        )}
      </Show>
    </section>
  );
}
