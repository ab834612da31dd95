// Home: what Quorum is, the open deals ending soonest, the deals that recently tipped, and the
// call to propose one.
import { A, createAsync } from "@solidjs/router";
import { For } from "solid-js";
import { getDealList } from "../data.ts";
import { t } from "../i18n/index.ts";
import { DealCard } from "../components/DealCard.tsx";
import { Listing, Loaded, PageHeading, usePageTitle } from "../components/States.tsx";
import { AccountDeletedNotice } from "./me/DeletedNotice.tsx";

/** One list of deals on the home page: a heading, the cards, or an empty state. */
function DealSection(props: { status: "open" | "confirmed"; limit: number; id: string; title: string; empty: string }) {
  const page = createAsync(() => getDealList(props.status, props.limit));
  const items = () => page()?.items ?? [];
  return (
    <section aria-labelledby={props.id}>
      <h2 id={props.id}>{props.title}</h2>
      <Loaded>
        <Listing items={items()} empty={<p>{props.empty}</p>}>
          <div class="cards">
            <For each={items()}>{(deal) => <DealCard deal={deal} />}</For>
          </div>
        </Listing>
      </Loaded>
    </section>
  );
}

export default function Home() {
  usePageTitle(() => null);
  return (
    <>
      <AccountDeletedNotice />
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
