// Home: what Quorum is, with a way in for those who come to join and for those who propose; how
// it works in three steps; the deals that can be joined now (open ones, and confirmed ones with
// seats left), ending soonest first; and the deals that recently tipped and are full or closed.
import { A, createAsync } from "@solidjs/router";
import { For } from "solid-js";
import { isJoinable } from "../../../api/contract/rules.ts";
import type { Deal } from "../api.ts";
import { getDealList } from "../data.ts";
import { t, type MessageKey } from "../i18n/index.ts";
import { DealCard } from "../components/DealCard.tsx";
import { Listing, Loaded, PageHeading, usePageTitle } from "../components/States.tsx";

/** A confirmed deal still takes commitments until its deadline, while it has seats left. */
const hasSeatsLeft = (d: Deal, now: number) =>
  isJoinable({ status: d.status, deadline: new Date(d.deadline) }, now) && (d.capacity == null || d.seatsCommitted < d.capacity);

/** One list of deals on the home page: a heading, the cards, or an empty state. */
function DealSection(props: { id: string; title: string; empty: string; items: Deal[]; joinable?: boolean }) {
  return (
    <section aria-labelledby={props.id} id={props.id === "joinable-heading" ? "deals" : undefined} class="home-section">
      <h2 id={props.id}>{props.title}</h2>
      <Listing items={props.items} empty={<p>{props.empty}</p>}>
        <div class="cards">
          <For each={props.items}>{(deal) => <DealCard deal={deal} joinable={props.joinable} />}</For>
        </div>
      </Listing>
    </section>
  );
}

const STEPS = [1, 2, 3] as const;

export default function Home() {
  usePageTitle(() => null);
  const open = createAsync(() => getDealList("open", 12));
  const confirmed = createAsync(() => getDealList("confirmed", 12));
  const split = () => {
    const now = Date.now();
    const tipped = confirmed()?.items ?? [];
    const joinable = [...(open()?.items ?? []), ...tipped.filter((d) => hasSeatsLeft(d, now))].sort(
      (a, b) => Date.parse(a.deadline) - Date.parse(b.deadline),
    );
    return { joinable, closed: tipped.filter((d) => !hasSeatsLeft(d, now)).slice(0, 6) };
  };
  return (
    <>
      <section class="hero">
        <PageHeading>{t("home.title")}</PageHeading>
        <p class="hero__pitch">{t("home.pitch")}</p>
        <div class="hero__actions">
          <a href="#deals" class="button button--large">
            {t("home.ctaJoin")}
          </a>
          <A href="/deals/new" class="button button--large button--secondary">
            {t("home.cta")}
          </A>
        </div>
      </section>
      <section aria-labelledby="how-heading" class="how">
        <h2 id="how-heading">{t("home.how.title")}</h2>
        <ol class="how__steps">
          <For each={STEPS}>
            {(n) => (
              <li class="how__step">
                <h3>{t(`home.how.${n}.title` as MessageKey)}</h3>
                <p>{t(`home.how.${n}.text` as MessageKey)}</p>
              </li>
            )}
          </For>
        </ol>
      </section>
      <Loaded>
        <DealSection id="joinable-heading" title={t("home.joinable.title")} empty={t("home.joinable.empty")} items={split().joinable} joinable />
        <DealSection id="tipped-heading" title={t("home.tipped.title")} empty={t("home.tipped.empty")} items={split().closed} />
      </Loaded>
    </>
  );
}
