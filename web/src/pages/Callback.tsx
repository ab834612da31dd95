// The page a sign-in link opens. It takes the token out of the address bar, asks whose link it is
// (the address masked), and asks "Sign in as a•••@example.com?": the token is used only when the
// person clicks, so a forwarded link cannot sign its clicker into someone else's account, and a
// mail scanner that prefetches the link uses nothing.
import { A, useNavigate, useSearchParams } from "@solidjs/router";
import { createSignal, onMount, Show } from "solid-js";
import { api, data } from "../api.ts";
import { mutation } from "../data.ts";
import { lang, t } from "../i18n/index.ts";
import { errorText } from "../errors.ts";
import { setUser, syncLocale } from "../session.ts";
import { safeReturnPath } from "../../../api/contract/account.ts";
import { announceSignIn, focusJoinWhenReady } from "../signed-in.ts";
import { Loading, PageHeading, usePageTitle } from "../components/States.tsx";

const lookUp = (token: string) => data(api.auth.callback[":token"].$get({ param: { token } }));

/** The browser's time zone, for the times in emails; the server keeps it only if it is a real one. */
const browserZone = () => {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || undefined;
  } catch {
    return undefined;
  }
};

async function exchange(token: string) {
  const zone = browserZone();
  const answer = await data(api.auth.callback.$post({ json: { token, locale: lang(), ...(zone ? { timeZone: zone } : {}) } }));
  setUser(answer.user);
  announceSignIn();
  await syncLocale();
  return answer;
}

export default function Callback() {
  usePageTitle(() => t("callback.title"));
  const navigate = useNavigate();
  const [params] = useSearchParams<{ token?: string }>();
  const token = params.token;
  const looking = mutation(lookUp);
  const signingIn = mutation(exchange);
  const [notMe, setNotMe] = createSignal(false);

  onMount(() => {
    if (!token) return;
    // Out of the address bar and the history: the token is a credential until it is used.
    navigate("/auth/callback", { replace: true });
    void looking.run(token);
  });

  const signIn = async () => {
    const done = token ? await signingIn.run(token) : undefined;
    if (!done) return;
    // The page the sign-in was asked from, kept with the token on the server: it lands there in
    // whichever tab the link opened.
    const to = safeReturnPath(done.returnTo) ?? "/me";
    navigate(to, { replace: true });
    focusJoinWhenReady(to);
  };

  const failure = () => {
    const error = signingIn.error ?? looking.error;
    return !token ? t("callback.missing") : error ? errorText(error) : null;
  };

  return (
    <section class="narrow">
      <PageHeading>{t("callback.title")}</PageHeading>
      <Show
        when={!failure()}
        fallback={
          <div class="panel" role="alert">
            <p>
              <strong>{t("callback.failed")}</strong> {failure()}
            </p>
            <A href="/sign-in" class="button">
              {t("callback.newLink")}
            </A>
          </div>
        }
      >
        <Show when={looking.result} fallback={<Loading />}>
          {(found) => (
            <Show
              when={!notMe()}
              fallback={
                <div class="panel confirm-sign-in" role="status">
                  <h2>{t("callback.notMe.title")}</h2>
                  <p>{t("callback.notMe.text")}</p>
                  <A href="/">{t("callback.notMe.home")}</A>
                </div>
              }
            >
              <div class="panel confirm-sign-in">
                <h2>{t("callback.confirm.question", { email: found().email })}</h2>
                <p class="muted">{t("callback.confirm.why")}</p>
                <div class="confirm-sign-in__actions">
                  <button type="button" class="button" disabled={signingIn.pending} onClick={() => void signIn()}>
                    {signingIn.pending ? t("callback.confirm.submitting") : t("callback.confirm.submit")}
                  </button>
                  <button type="button" class="button button--secondary" disabled={signingIn.pending} onClick={() => setNotMe(true)}>
                    {t("callback.confirm.notMe")}
                  </button>
                </div>
              </div>
            </Show>
          )}
        </Show>
      </Show>
    </section>
  );
}
