// The page a sign-in link opens. It exchanges the token by POST, never on GET, so a mail scanner
// that prefetches the link cannot use it up; then it takes the token out of the address bar.
import { A, useNavigate, useSearchParams } from "@solidjs/router";
import { onMount, Show } from "solid-js";
import { api, data } from "../api.ts";
import { mutation } from "../data.ts";
import { lang, t } from "../i18n/index.ts";
import { errorText } from "../errors.ts";
import { setUser, syncLocale } from "../session.ts";
import { takeReturn } from "../returnTo.ts";
import { Loading, PageHeading, usePageTitle } from "../components/States.tsx";

async function exchange(token: string) {
  const { user } = await data(api.auth.callback.$post({ json: { token, locale: lang() } }));
  setUser(user);
  await syncLocale();
  return user;
}

export default function Callback() {
  usePageTitle(() => t("callback.title"));
  const navigate = useNavigate();
  const [params] = useSearchParams<{ token?: string }>();
  const token = params.token;
  const signingIn = mutation(exchange);

  onMount(async () => {
    if (!token) return;
    // Out of the address bar and the history: the token is a credential until it is used.
    navigate("/auth/callback", { replace: true });
    if (await signingIn.run(token)) navigate(takeReturn(), { replace: true });
  });

  const failure = () => (!token ? t("callback.missing") : signingIn.error ? errorText(signingIn.error) : null);

  return (
    <section class="narrow">
      <PageHeading>{t("callback.title")}</PageHeading>
      <Show when={failure()} fallback={<Loading />}>
        <div class="panel" role="alert">
          <p>
            <strong>{t("callback.failed")}</strong> {failure()}
          </p>
          <A href="/sign-in" class="button">
            {t("callback.newLink")}
          </A>
        </div>
      </Show>
    </section>
  );
}
