// A deal on its page: the header, the status, progress toward the threshold, what the viewer can
// do (join, withdraw, share, manage), the facts and the description.
import { A, useLocation, useNavigate } from "@solidjs/router";
import { createEffect, createSignal, lazy, on, onMount, Show, Suspense } from "solid-js";
import type { Deal } from "../../api.ts";
import { refreshDeal } from "../../data.ts";
import { useNow } from "../../live.ts";
import { loadDealMessages, t, tp } from "../../i18n/index.ts";
import { formatPrice, remaining } from "../../format.ts";
import { Progress } from "../../components/Progress.tsx";
import { StatusBanner } from "../../components/StatusBanner.tsx";
import { PageHeading, usePageTitle } from "../../components/States.tsx";
import { Participation } from "./Participation.tsx";
import { ShareBox } from "./ShareBox.tsx";
import { DealFacts } from "./DealFacts.tsx";
import { FollowButton } from "./FollowButton.tsx";
import { Updates } from "./Updates.tsx";
import type { DealUpdateJson } from "../../../../api/contract/schemas.ts";
import { user } from "../../session.ts";
import { OptionBars, PriceTiers } from "./co-create-lazy.ts";
import { InitiatorRecord } from "../../components/InitiatorRecord.tsx";
// Parts only some signed-in viewers see: the share moment (the initiator, just after proposing),
// the payment (a participant asked to pay) and the review (one whose deal went ahead), and
// reporting (anyone but the initiator).
import { PaymentPanel, ReportDeal, ReviewSlot, ShareLaunch } from "./later-lazy.ts";

// Only a deal in grace shows it: its code and words load when one does.
const GracePanel = lazy(() => Promise.all([import("./GracePanel.tsx"), loadDealMessages()]).then(([m]) => ({ default: m.GracePanel })));

export function DealView(props: { deal: Deal; connected: boolean; updates?: readonly DealUpdateJson[] }) {
  const d = () => props.deal;
  const now = useNow(1_000);
  const ended = () => d().status === "failed" || d().status === "cancelled";
  // The time left to join: none once the deal stopped taking commitments, whatever the clock says.
  const timeLeft = () => (d().status === "open" || d().status === "confirmed" ? remaining(d().deadline, now()) : null);
  // Just proposed (the propose page says so in the history entry's state): the moment to share it,
  // once; the state is cleared at once, so a reload does not bring it back.
  const location = useLocation<{ justProposed?: boolean } | undefined>();
  const navigate = useNavigate();
  const [launch, setLaunch] = createSignal(!!location.state?.justProposed);
  onMount(() => {
    if (launch()) navigate(location.pathname, { replace: true, scroll: false, state: {} });
  });
  const launching = () => launch() && d().viewerIsInitiator && d().status === "open";
  // So does a deal whose grace ends while the page is open.
  const graceOver = () => d().status === "grace" && !!d().graceEndsAt && Date.parse(d().graceEndsAt!) <= now();
  usePageTitle(() => d().title);

  // The words of rarer states (a confirmed, full or ended deal, the waitlist) are in the
  // catalogue's further parts (the second, and the deal page's own), loaded when the deal is in
  // one, so an open deal's page stays small.
  createEffect(() => {
    const full = d().capacity != null && d().seatsCommitted >= d().capacity!;
    if (d().status !== "open" || full || d().waitlistCount > 0) void loadDealMessages();
  });

  // A deal that passes its deadline while the page is open: read it again for its final state.
  createEffect(
    on(
      () => (timeLeft() === null && d().status === "open") || graceOver(),
      (ended) => {
        if (ended) void refreshDeal(d().id);
      },
    ),
  );

  return (
    <article class="deal">
      <header class="deal__header">
        <p class="deal__kicker">
          <span class="tag">{t(`kind.${d().kind}`)}</span>
          <span>
            {t("deal.by", { name: d().initiator.displayName })} <InitiatorRecord initiator={d().initiator} />
          </span>
          <span class="live" classList={{ "live--on": props.connected }}>
            <span class="live__dot" aria-hidden="true" />
            {props.connected ? t("deal.live.connected") : t("deal.live.reconnecting")}
          </span>
        </p>
        <PageHeading>{d().title}</PageHeading>
        <p class="deal__price">{t("card.price", { price: formatPrice(d().currentPricePerSeatCents, d().currency) })}</p>
      </header>

      <StatusBanner deal={d()} />
      <Show when={launching()}>
        <Suspense>
          <ShareLaunch
            deal={d()}
            onDone={() => {
              setLaunch(false);
              // The panel had the focus: it goes back to the top of the page.
              document.querySelector<HTMLElement>("article.deal h1")?.focus();
            }}
          />
        </Suspense>
      </Show>
      <Show when={d().status === "grace"}>
        <GracePanel deal={d()} />
      </Show>
      <Show when={d().viewerCommitment?.payment}>{(p) => <PaymentPanel deal={d()} payment={p()} />}</Show>

      <div class="deal__layout">
        <section class="panel deal__progress" aria-labelledby="progress-heading">
          <h2 id="progress-heading" class="visually-hidden">
            {t("progress.label")}
          </h2>
          <Progress
            threshold={d().threshold}
            capacity={d().capacity}
            seatsCommitted={d().seatsCommitted}
            seatsWaitlisted={d().seatsWaitlisted}
            ended={ended()}
          />
          <p class="muted">
            {tp("progress.participants", d().participantCount - d().waitlistCount)}
            <Show when={d().waitlistCount > 0}> · {tp("progress.waitlistPeople", d().waitlistCount)}</Show>
          </p>
        </section>

        <Show when={d().options.length > 0}>
          <div class="deal__options">
            <OptionBars deal={d()} />
          </div>
        </Show>
        <Show when={d().priceTiers.length > 0}>
          <div class="deal__tiers">
            <PriceTiers deal={d()} />
          </div>
        </Show>

        <aside class="deal__side">
          <Participation deal={d()} now={now()} />
          <Show when={!d().viewerCommitment && !d().viewerIsInitiator && !ended()}>
            <FollowButton deal={d()} />
          </Show>
          <Show when={d().viewerCommitment}>
            <Suspense>
              <ReviewSlot deal={d()} now={now()} />
            </Suspense>
          </Show>
          <Show when={!ended()}>
            <ShareBox deal={d()} />
          </Show>
          <Show when={d().viewerIsInitiator}>
            <A href={`/deals/${d().id}/manage`} class="button button--secondary button--block">
              {t("deal.manage")}
            </A>
          </Show>
          <Show when={user() && !d().viewerIsInitiator}>
            <Suspense>
              <ReportDeal dealId={d().id} />
            </Suspense>
          </Show>
        </aside>

        <Updates dealId={d().id} live={props.updates ?? []} />

        <DealFacts deal={d()} timeLeft={timeLeft()} />

        <Show when={d().description}>
          <section class="description deal__about" aria-labelledby="about-heading">
            <h2 id="about-heading">{t("deal.about")}</h2>
            <p>{d().description}</p>
          </section>
        </Show>
      </div>
    </article>
  );
}
