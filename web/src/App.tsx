// The app shell and the routes. Every page is a lazy chunk, so a visitor loads only the page
// they open (the deal page most of all: a shared link lands there); a deal's data is asked for
// while its page's chunk loads, not after.
import { A, Route, Router, useLocation, type RoutePreloadFuncArgs, type RouteSectionProps } from "@solidjs/router";
import { createEffect, lazy, on, Show, Suspense } from "solid-js";
import { loadAreaMessages, loadMoreMessages, loadPrivacyMessages, t } from "./i18n/index.ts";
import { sessionKnown, user } from "./session.ts";
import { navigated } from "./focus.ts";
import { getDeal } from "./data.ts";
import { LanguageSwitcher } from "./components/LanguageSwitcher.tsx";
import { Loading } from "./components/States.tsx";

/** A page that says more than the first part of the catalogue: its chunk and the rest of the messages. */
const saysMore = <T,>(page: Promise<T>) => Promise.all([page, loadMoreMessages()]).then(([p]) => p);
type Area = Parameters<typeof loadAreaMessages>[0];
/** A page with words of its own area too (a catalogue part only its pages load). */
const saysArea = <T,>(page: Promise<T>, area: Area) => Promise.all([saysMore(page), loadAreaMessages(area)]).then(([p]) => p);

const Home = lazy(() => import("./pages/Home.tsx"));
const Propose = lazy(() => saysArea(import("./pages/propose/ProposePage.tsx"), "propose"));
const DealPage = lazy(() => import("./pages/deal/DealPage.tsx"));
const Manage = lazy(() => saysArea(import("./pages/manage/ManagePage.tsx"), "manage"));
const SignIn = lazy(() => saysMore(import("./pages/SignIn.tsx")));
const Callback = lazy(() => saysMore(import("./pages/Callback.tsx")));
const Me = lazy(() => saysArea(import("./pages/me/MePage.tsx"), "me"));
const Mailbox = lazy(() => saysArea(import("./pages/mailbox/MailboxPage.tsx"), "dev"));
const Admin = lazy(() => saysArea(import("./pages/admin/AdminPage.tsx"), "admin"));
const NotFound = lazy(() => saysMore(import("./pages/NotFound.tsx")));
const UserPage = lazy(() => saysMore(import("./pages/users/UserPage.tsx")));
const NamePrompt = lazy(() => saysMore(import("./components/NamePrompt.tsx")));
const Terms = lazy(() => saysMore(import("./pages/Terms.tsx")));
const Privacy = lazy(() => Promise.all([import("./pages/privacy/PrivacyPage.tsx"), loadPrivacyMessages()]).then(([p]) => p));
const DevCheckout = lazy(() => saysArea(import("./pages/checkout/DevCheckoutPage.tsx"), "dev"));

/** The operator's address, as the server puts it in the page's head (CONTACT_EMAIL). */
const contact = document.querySelector<HTMLMetaElement>("meta[name=quorum-contact]")?.content;

function Layout(props: RouteSectionProps) {
  const location = useLocation();
  createEffect(on(() => location.pathname, navigated, { defer: true }));
  return (
    <>
      <a class="skip-link" href="#main">
        {t("app.skip")}
      </a>
      <header class="site-header">
        <div class="site-header__inner">
          <A href="/" class="logo" end>
            <span class="logo__mark" aria-hidden="true">
              Q
            </span>
            <span class="logo__word">Quorum</span>
            <span class="visually-hidden"> ({t("app.nav.home")})</span>
          </A>
          <nav aria-label={t("app.nav.label")} class="nav">
            <A href="/deals/new" end>
              {t("app.nav.propose")}
            </A>
            <Show when={sessionKnown()}>
              <Show when={user()} fallback={<A href="/sign-in">{t("app.nav.signIn")}</A>}>
                <A href="/me">{t("app.nav.me")}</A>
              </Show>
            </Show>
          </nav>
          <LanguageSwitcher />
        </div>
      </header>
      <main id="main" class="site-main" tabindex="-1">
        <Show when={user()?.nameChosen === false && !location.pathname.startsWith("/auth/") && user()}>
          {(u) => <Suspense>{<NamePrompt user={u()} />}</Suspense>}
        </Show>
        <Suspense fallback={<Loading />}>{props.children}</Suspense>
      </main>
      <footer class="site-footer">
        <p>{t("app.footer")}</p>
        <p class="site-footer__links">
          <A href="/privacy">{t("app.footer.privacy")}</A>
          <A href="/terms">{t("app.footer.terms")}</A>
          {contact && <a href={`mailto:${contact}`}>{t("app.footer.contact")}</a>}
          <a href="/api/openapi.json">{t("app.footer.api")}</a>
        </p>
      </footer>
    </>
  );
}

const preloadDeal = ({ params }: RoutePreloadFuncArgs) => void getDeal(params.id!);

export function App() {
  return (
    <Router root={Layout}>
      <Route path="/" component={Home} />
      <Route path="/deals/new" component={Propose} />
      <Route path="/deals/:id" component={DealPage} preload={preloadDeal} />
      <Route path="/deals/:id/manage" component={Manage} preload={preloadDeal} />
      <Route path="/sign-in" component={SignIn} />
      <Route path="/auth/callback" component={Callback} />
      <Route path="/me" component={Me} />
      <Route path="/admin" component={Admin} />
      <Route path="/dev/mailbox" component={Mailbox} />
      <Route path="/dev/checkout/:paymentId" component={DevCheckout} />
      <Route path="/users/:id" component={UserPage} />
      <Route path="/terms" component={Terms} />
      <Route path="/privacy" component={Privacy} />
      <Route path="*404" component={NotFound} />
    </Router>
  );
}
