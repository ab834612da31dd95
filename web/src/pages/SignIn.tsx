// Sign-in by email link: ask for a link; in development mode, point to the mailbox.
import { A, useSearchParams } from "@solidjs/router";
import { createSignal, Show } from "solid-js";
import { fields } from "../../../api/contract/fields.ts";
import { api, data } from "../api.ts";
import { mutation } from "../data.ts";
import { lang, t } from "../i18n/index.ts";
import { check } from "../validation.ts";
import { Field } from "../components/Field.tsx";
import { Failure, PageHeading, SubmitButton, usePageTitle } from "../components/States.tsx";
import { rememberReturn } from "../returnTo.ts";

async function askForLink(email: string) {
  await data(api.auth.email.$post({ json: { email, locale: lang() } }));
  // Only a development server has a mailbox; elsewhere this answers 404 and nothing shows.
  const clock = await api.dev.clock.$get().catch(() => null);
  return { sentTo: email, devMode: !!clock?.ok };
}

export default function SignIn() {
  usePageTitle(() => t("signIn.title"));
  const [params] = useSearchParams<{ next?: string }>();
  rememberReturn(params.next);
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
    else void asking.run(address);
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
            <Show when={sent().devMode}>
              <p>
                <A href={`/dev/mailbox?to=${encodeURIComponent(sent().sentTo)}`}>{t("signIn.devMailbox")}</A>
              </p>
            </Show>
            <button type="button" class="button button--secondary" onClick={() => asking.clear()}>
              {t("signIn.again")}
            </button>
          </div>
        )}
      </Show>
    </section>
  );
}
