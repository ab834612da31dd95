// The page a sign-in link opens. It exchanges the token by POST, never on GET, so a mail scanner
// that prefetches the link cannot use it up; then it takes the token out of the address bar.
import { A, useNavigate, useSearchParams } from "@solidjs/router";
import { createSignal, onMount, Show } from "solid-js";
import { api, data } from "../api.ts";
import { lang, t } from "../i18n/index.ts";
import { errorText } from "../errors.ts";
import { setUser, syncLocale } from "../session.ts";
import { takeReturn } from "../returnTo.ts";
import { Loading, PageHeading } from "../components/States.tsx";
import { usePageTitle } from "../title.ts";

export default function Callback() {
  usePageTitle(() => t("callback.title"));
  const navigate = useNavigate();
  const [params] = useSearchParams<{ token?: string }>();
  const [failure, setFailure] = createSignal<string | null>(null);

  onMount(async () => {
    const token = params.token;
    // Out of the address bar and the history: the token is a credential until it is used.
    if (token) navigate("/auth/callback", { replace: true });
    if (!token) {
      setFailure(t("callback.missing"));
      return;
    }
    try {
      const { user } = await data(api.auth.callback.$post({ json: { token, locale: lang() } }));
      setUser(user);
      await syncLocale();
      navigate(takeReturn(), { replace: true });
    } catch (e) {
      setFailure(errorText(e));
    }
  });

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
