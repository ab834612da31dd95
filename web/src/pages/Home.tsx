// Home: what Quorum is, with a way in for those who come to join and for those who propose; how
// it works in three steps; the deals that can be joined now (open ones, and confirmed ones with
// seats left), ending soonest first; and the deals that recently tipped and are full or closed.
import { A, createAsync } from "@solidjs/router";
import { For } from "solid-js";
import type { Deal } from "../api.ts";
import { getDealList } from "../data.ts";
import { lang, t } from "../i18n/index.ts";
import { home as enHome } from "../../../api/contract/i18n/en/home.ts";
import { home as nlHome } from "../../../api/contract/i18n/nl/home.ts";
import { home as deHome } from "../../../api/contract/i18n/de/home.ts";
import { DealCard } from "../components/DealCard.tsx";
import { Listing, Loaded, PageHeading, usePageTitle } from "../components/States.tsx";
import { AccountDeletedNotice } from "./me/DeletedNotice.tsx";
import { serverNow } from "../server-time.ts";

/**
 * A confirmed deal still takes commitments until its deadline, while it has seats left (as
 * rules.ts's isJoinable says; not imported, so that the home page and the deal page share no chunk
 * for it, which would cost the deal page a request and bytes).
 */
const hasSeatsLeft = (d: Deal, now: number) =>
  d.status === "confirmed" && Date.parse(d.deadline) > now && (d.capacity == null || d.seatsCommitted < d.capacity);

/** One list of deals on the home page: a heading, the cards, or an empty state. */
function DealSection(props: { id: string; title: string; empty: string; items: Deal[]; joinable?: boolean }) {
  return (
    <section aria-labelledby={props.id} id={props.id === "joinable-heading" ? "deals" : undefined} class="home-section">
      <h2 id={props.id}>{props.title}</h2>
      <Listing items={props.items} empty={<p>{props.empty}</p>}>
        <div class="cards">
          <For each={props.items}>
            {(deal) => <DealCard deal={deal} goingAhead={props.joinable && deal.status === "confirmed" ? words().goingAhead : undefined} />}
          </For>
        </div>
      </Listing>
    </section>
  );
}

const WORDS = { en: enHome, nl: nlHome, de: deHome };
const words = () => WORDS[lang()];

export default function Home() {
  usePageTitle(() => null);
  const open = createAsync(() => getDealList("open", 12));
  const confirmed = createAsync(() => getDealList("confirmed", 12));
  const split = () => {
    // The server's clock: a deal a wrong device clock thinks ended is still listed as joinable.
    const now = serverNow();
    const tipped = confirmed()?.items ?? [];
    const joinable = [...(open()?.items ?? []), ...tipped.filter((d) => hasSeatsLeft(d, now))].sort(
      (a, b) => Date.parse(a.deadline) - Date.parse(b.deadline),
    );
    return { joinable, closed: tipped.filter((d) => !hasSeatsLeft(d, now)).slice(0, 6) };
  };
  return (
    <>
      <AccountDeletedNotice />
      <section class="hero">
        <PageHeading>{words().title}</PageHeading>
        <p class="hero__pitch">{words().pitch}</p>
        <div class="hero__actions">
          <a href="#deals" class="button button--large">
            {words().findDeal}
          </a>
          <A href="/deals/new" class="button button--large button--secondary">
            {t("home.cta")}
          </A>
        </div>
      </section>
      <section aria-labelledby="how-heading" class="how">
        <h2 id="how-heading">{words().how.title}</h2>
        <ol class="how__steps">
          <For each={words().how.steps}>
            {(step) => (
              <li class="how__step">
                <h3>{step.title}</h3>
                <p>{step.text}</p>
              </li>
            )}
          </For>
        </ol>
      </section>
      <Loaded>
        <DealSection id="joinable-heading" title={words().open.title} empty={words().open.empty} items={split().joinable} joinable />
        <DealSection id="tipped-heading" title={words().tipped.title} empty={words().tipped.empty} items={split().closed} />
      </Loaded>
    </>
  );
}
