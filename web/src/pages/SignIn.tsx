// Sign-in by email link: ask for a link; in development mode, point to the mailbox. The page to
// come back to goes with the request and is kept with the token, so the link lands there in any
// tab; this tab waits on "Check your email" and carries on by itself once the sign-in happened.
import { A, useNavigate, useSearchParams } from "@solidjs/router";
import { createSignal, onCleanup, Show } from "solid-js";
import { safeReturnPath } from "../../../api/contract/account.ts";
import { fields } from "../../../api/contract/fields.ts";
import { api, data } from "../api.ts";
import { mutation } from "../data.ts";
import { lang, t } from "../i18n/index.ts";
import { check } from "../validation.ts";
import { Field } from "../components/Field.tsx";
import { Failure, PageHeading, SubmitButton, usePageTitle } from "../components/States.tsx";
import { focusJoinWhenReady, watchForSignIn } from "../signed-in.ts";
import { loadSession } from "../session.ts";

async function askForLink(email: string, returnTo: string | null) {
  await data(api.auth.email.$post({ json: { email, locale: lang(), ...(returnTo ? { returnTo } : {}) } }));
  // Only a development server has a mailbox; elsewhere this answers 404 and nothing shows.
  const clock = await api.dev.clock.$get().catch(() => null);
  return { sentTo: email, devMode: !!clock?.ok };
}

export default function SignIn() {
  usePageTitle(() => t("signIn.title"));
  const [params] = useSearchParams<{ next?: string }>();
  const navigate = useNavigate();
  const returnTo = safeReturnPath(params.next);
  const [email, setEmail] = createSignal("");
  const [touched, setTouched] = createSignal(false);
  const asking = mutation(askForLink);
  let input: HTMLInputElement | undefined;
  const error = () => (touched() ? check(fields.email, email().trim()) : null);

  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    setTouched(true);
    const address = email().trim();
    if (check(fields.email, address)) input?.focus();
    else void asking.run(address, returnTo).then((sent) => sent && waitForSignIn());
  };

  let stopWatching: (() => void) | undefined;
  onCleanup(() => stopWatching?.());
  const waitForSignIn = () => {
    stopWatching?.();
    stopWatching = watchForSignIn(() => {
      void loadSession().then(() => {
        const to = returnTo ?? "/me";
        navigate(to, { replace: true });
        focusJoinWhenReady(to);
      });
    });
  };

  return (
    <section class="narrow">
      <PageHeading>{t("signIn.title")}</PageHeading>
      <Show
        when={asking.result}
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
            <Failure error={asking.error} />
            <SubmitButton class="button button--block" pending={asking.pending} label={t("signIn.submit")} pendingLabel={t("signIn.sending")} />
          </form>
        }
      >
        {(sent) => (
          <div class="panel">
            <p role="status" class="notice notice--success">
              {t("signIn.sent", { email: sent().sentTo })}
            </p>
            <p class="muted sign-in-waiting">
              <span class="spinner" aria-hidden="true" /> {t("signIn.waiting")}
            </p>
            <Show when={sent().devMode}>
              <p>
                <A href={`/dev/mailbox?to=${encodeURIComponent(sent().sentTo)}`}>{t("signIn.devMailbox")}</A>
              </p>
            </Show>
            <button type="button" class="button button--secondary" onClick={() => {
                stopWatching?.();
                asking.clear();
              }}>
              {t("signIn.again")}
            </button>
          </div>
        )}
      </Show>
    </section>
  );
}
