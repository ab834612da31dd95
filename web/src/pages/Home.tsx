// Home: what Quorum is, the open deals ending soonest, the deals that recently tipped, and the
// call to propose one.
import { A } from "@solidjs/router";
import { createResource, For, Show } from "solid-js";
import { api, data } from "../api.ts";
import { t } from "../i18n/index.ts";
import { DealCard } from "../components/DealCard.tsx";
import { Async, Empty, PageHeading } from "../components/States.tsx";
import { usePageTitle } from "../title.ts";

export default function Home() {
  usePageTitle(() => null);
  const [open, { refetch: refetchOpen }] = createResource(() =>
    data(api.deals.$get({ query: { status: "open", limit: "12" } })),
  );
  const [tipped, { refetch: refetchTipped }] = createResource(() =>
    data(api.deals.$get({ query: { status: "confirmed", limit: "6" } })),
  );

  return (
    <>
      <section class="hero">
        <PageHeading>{t("home.title")}</PageHeading>
        <p class="hero__pitch">{t("home.pitch")}</p>
        <A href="/deals/new" class="button button--large">
          {t("home.cta")}
        </A>
      </section>

      <section aria-labelledby="open-heading">
        <h2 id="open-heading">{t("home.open.title")}</h2>
        <Async resource={open} retry={refetchOpen}>
          {(page) => (
            <Show
              when={page().items.length}
              fallback={
                <Empty>
                  <p>{t("home.open.empty")}</p>
                </Empty>
              }
            >
              <div class="cards">
                <For each={page().items}>{(deal) => <DealCard deal={deal} />}</For>
              </div>
            </Show>
          )}
        </Async>
      </section>

      <section aria-labelledby="tipped-heading">
        <h2 id="tipped-heading">{t("home.tipped.title")}</h2>
        <Async resource={tipped} retry={refetchTipped}>
          {(page) => (
            <Show
              when={page().items.length}
              fallback={
                <Empty>
                  <p>{t("home.tipped.empty")}</p>
                </Empty>
              }
            >
              <div class="cards">
                <For each={page().items}>{(deal) => <DealCard deal={deal} />}</For>
              </div>
            </Show>
          )}
        </Async>
      </section>
    </>
  );
}
