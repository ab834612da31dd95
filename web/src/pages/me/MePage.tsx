// "My deals": my commitments and my proposals, and my profile.
import { A, createAsync } from "@solidjs/router";
import { For, type JSX, Show } from "solid-js";
import { getMyCommitments, getMyProposals } from "../../data.ts";
import { t, tp } from "../../i18n/index.ts";
import { formatPrice } from "../../format.ts";
import { user } from "../../session.ts";
import { Progress } from "../../components/Progress.tsx";
import { Listing, Loaded, PageHeading, SignInFirst, usePageTitle } from "../../components/States.tsx";
import { Profile } from "./Profile.tsx";
import { YourData } from "./YourData.tsx";
import { mayReview } from "../deal/may-review.ts";
import { PaymentDue } from "./PaymentDue.tsx";
import { serverNow } from "../../server-time.ts";

const ended = (d: { status: string }) => d.status === "failed" || d.status === "cancelled";

export default function MePage() {
  usePageTitle(() => t("me.title"));
  return (
    <section>
      <PageHeading>{t("me.title")}</PageHeading>
      <Show when={user()} fallback={<SignInFirst next="/me" />}>
        {(u) => (
          <div class="me-layout">
            <div>
              <MyCommitments />
              <MyProposals />
            </div>
            <div class="me-side">
              <Profile user={u()} />
              <YourData />
            </div>
          </div>
        )}
      </Show>
    </section>
  );
}

/** One of my lists: a heading, the items as links to their deals, or what to do when there are none. */
function MyList<T>(props: { id: string; title: string; items: readonly T[] | undefined; empty: JSX.Element; children: (item: T) => JSX.Element }) {
  return (
    <section aria-labelledby={props.id}>
      <h2 id={props.id}>{props.title}</h2>
      <Loaded>
        <Listing items={props.items ?? []} empty={props.empty}>
          <ul class="list">
            <For each={props.items}>{(item) => <li class="list__item">{props.children(item)}</li>}</For>
          </ul>
        </Listing>
      </Loaded>
    </section>
  );
}

function MyCommitments() {
  const page = createAsync(() => getMyCommitments());
  return (
    <MyList
      id="commitments-heading"
      title={t("me.commitments")}
      items={page()?.items}
      empty={
        <>
          <p>{t("me.commitments.empty")}</p>
          <A href="/">{t("me.browse")}</A>
        </>
      }
    >
      {(c) => (
        <>
          <A href={`/deals/${c.deal.id}`} class="list__title">
            {c.deal.title}
          </A>
          <span class={`pill pill--${c.deal.status}`}>{t(`status.${c.deal.status}`)}</span>
          <p class="muted">
            {/* On a deal that did not go ahead, "Active" would say the wrong thing: nothing binds. */}
            {tp("me.seats", c.seats)} · {ended(c.deal) ? t("me.notBound") : t(`commitment.${c.status}`)}
            <Show when={c.status === "waitlisted" && !ended(c.deal) && c.waitlistPosition}>
              {(p) => <> ({t("me.waitlistPosition", { position: p() })})</>}
            </Show>
            {" · "}
            {formatPrice(c.deal.currentPricePerSeatCents * c.seats, c.deal.currency)}
          </p>
          <PaymentDue dealId={c.deal.id} payment={c.payment} />
          <Show when={mayReview({ ...c.deal, viewerCommitment: c }, serverNow())}>
            <A href={`/deals/${c.deal.id}#review-heading`}>{t("me.review")}</A>
          </Show>
        </>
      )}
    </MyList>
  );
}

function MyProposals() {
  const page = createAsync(() => getMyProposals());
  return (
    <MyList
      id="proposals-heading"
      title={t("me.proposals")}
      items={page()?.items}
      empty={
        <>
          <p>{t("me.proposals.empty")}</p>
          <A href="/deals/new">{t("home.cta")}</A>
        </>
      }
    >
      {(d) => (
        <>
          <A href={`/deals/${d.id}`} class="list__title">
            {d.title}
          </A>
          <span class={`pill pill--${d.status}`}>{t(`status.${d.status}`)}</span>
          <Progress compact threshold={d.threshold} capacity={d.capacity} seatsCommitted={d.seatsCommitted} seatsWaitlisted={d.seatsWaitlisted} />
          <A href={`/deals/${d.id}/manage`}>
            {t("deal.manage")}
            <span class="visually-hidden">: {d.title}</span>
          </A>
        </>
      )}
    </MyList>
  );
}
