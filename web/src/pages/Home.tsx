// Home: what Quorum is, the open deals ending soonest, the deals that recently tipped, and the
// call to propose one.
import { A } from "@solidjs/router";
import { createResource, For, Show } from "solid-js";
import { api, data } from "../api.ts";
import { t } from "../i18n/index.ts";
import { DealCard } from "../components/DealCard.tsx";
import { Async, Empty, PageHeading } from "../components/States.tsx";
import { usePageTitle } from "../title.ts";

/** One list of deals on the home page: a heading, the cards, or an empty state. */
function DealSection(props: { status: "open" | "confirmed"; limit: number; id: string; title: string; empty: string }) {
  const [page, { refetch }] = createResource(() =>
    data(api.deals.$get({ query: { status: props.status, limit: String(props.limit) } })),
  );
  return (
    <section aria-labelledby={props.id}>
      <h2 id={props.id}>{props.title}</h2>
      <Async resource={page} retry={refetch}>
        {(page) => (
          <Show
            when={page().items.length}
            fallback={
              <Empty>
                <p>{props.empty}</p>
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
  );
}

export default function Home() {
  usePageTitle(() => null);
  return (
    <>
      <section class="hero">
        <PageHeading>{t("home.title")}</PageHeading>
        <p class="hero__pitch">{t("home.pitch")}</p>
        <A href="/deals/new" class="button button--large">
          {t("home.cta")}
        </A>
      </section>
      <DealSection status="open" limit={12} id="open-heading" title={t("home.open.title")} empty={t("home.open.empty")} />
      <DealSection
        status="confirmed"
        limit={6}
        id="tipped-heading"
        title={t("home.tipped.title")}
        empty={t("home.tipped.empty")}
      />
    </>
  );
}
