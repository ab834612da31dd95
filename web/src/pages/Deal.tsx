// The deal page, the heart of Quorum: progress toward the threshold, the status, joining and
// withdrawing, sharing, and live updates from every other participant.
import { A, useLocation, useParams } from "@solidjs/router";
import { createEffect, createSignal, Match, on, Show, Switch } from "solid-js";
import { api, data, isApiError, type Deal } from "../api.ts";
import { t, tp } from "../i18n/index.ts";
import { formatDay, formatMoment, formatPrice, remaining } from "../format.ts";
import { errorText } from "../errors.ts";
import { user } from "../session.ts";
import { liveDeal, useNow } from "../live.ts";
import { Progress } from "../components/Progress.tsx";
import { StatusBanner } from "../components/StatusBanner.tsx";
import { ConfirmDialog } from "../components/ConfirmDialog.tsx";
import { ErrorState, Loading, PageHeading } from "../components/States.tsx";
import { usePageTitle } from "../title.ts";

export default function DealPage() {
  const params = useParams<{ id: string }>();
  // Keyed: following a link from one deal to another starts over, with a new event stream.
  return (
    <Show when={params.id} keyed>
      {(id) => <DealLoader id={id} />}
    </Show>
  );
}

function DealLoader(props: { id: string }) {
  const params = { id: props.id };
  const [deal, setDeal] = createSignal<Deal | null>(null);
  const [loadError, setLoadError] = createSignal<unknown>(null);

  const load = async () => {
    setLoadError(null);
    try {
      setDeal((await data(api.deals[":id"].$get({ param: { id: params.id } }))).deal);
    } catch (e) {
      setLoadError(e);
    }
  };
  void load();
  // Snapshots from the event stream carry this viewer's own commitment too (the cookie goes along).
  const live = liveDeal(api.deals[":id"].events.$path({ param: { id: params.id } }), (d) => {
    setLoadError(null);
    setDeal(d);
  });
  usePageTitle(() => (isApiError(loadError(), "DEAL_NOT_FOUND") ? t("deal.notFound.title") : deal()?.title));

  return (
    <Switch fallback={<Loading />}>
      <Match when={isApiError(loadError(), "DEAL_NOT_FOUND") || isApiError(loadError(), "NOT_FOUND")}>
        <section class="narrow">
          <PageHeading>{t("deal.notFound.title")}</PageHeading>
          <p>{t("deal.notFound.text")}</p>
          <A href="/">{t("notFound.home")}</A>
        </section>
      </Match>
      <Match when={loadError() && !deal()}>
        <ErrorState error={loadError()} retry={load} />
      </Match>
      <Match when={deal()}>{(d) => <DealView deal={d()} connected={live.connected()} onChange={setDeal} />}</Match>
    </Switch>
  );
}

function DealView(props: { deal: Deal; connected: boolean; onChange: (d: Deal) => void }) {
  const d = () => props.deal;
  const now = useNow(1_000);
  const location = useLocation();
  const timeLeft = () => remaining(d().deadline, now());

  // A deal that passes its deadline while the page is open: read it again for its final state.
  createEffect(
    on(
      () => timeLeft() === null && d().status === "open",
      (ended) => {
        if (ended) void data(api.deals[":id"].$get({ param: { id: d().id } })).then((r) => props.onChange(r.deal), () => undefined);
      },
    ),
  );

  return (
    <article class="deal">
      <header class="deal__header">
        <p class="deal__kicker">
          <span class="tag">{t(`kind.${d().kind}`)}</span>
          <span>{t("deal.by", { name: d().initiator.displayName })}</span>
          <span class="live" classList={{ "live--on": props.connected }}>
            <span class="live__dot" aria-hidden="true" />
            {props.connected ? t("deal.live.connected") : t("deal.live.reconnecting")}
          </span>
        </p>
        <PageHeading>{d().title}</PageHeading>
        <p class="deal__price">{t("card.price", { price: formatPrice(d().pricePerSeatCents, d().currency) })}</p>
      </header>

      <StatusBanner deal={d()} />

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
          />
          <p class="muted">{tp("progress.participants", d().participantCount)}</p>
        </section>

        <aside class="deal__side">
          <Participation deal={d()} onChange={props.onChange} signInHref={`/sign-in?next=${encodeURIComponent(location.pathname)}`} />
          <Share deal={d()} />
          <Show when={d().viewerIsInitiator}>
            <A href={`/deals/${d().id}/manage`} class="button button--secondary button--block">
              {t("deal.manage")}
            </A>
          </Show>
        </aside>

        <dl class="facts deal__facts">
          <div>
            <dt>{t("deal.timeLeft")}</dt>
            <dd class="countdown">
              <Show when={timeLeft()} fallback={t("deal.ended")}>
                {(left) => t("deal.countdown", { time: left() })}
              </Show>
            </dd>
          </div>
          <div>
            <dt>{t("deal.deadline")}</dt>
            <dd>
              <time datetime={d().deadline}>{formatMoment(d().deadline)}</time>
            </dd>
          </div>
          <Show when={d().destination}>
            <div>
              <dt>{t("deal.destination")}</dt>
              <dd>{d().destination}</dd>
            </div>
          </Show>
          <Show when={d().departsOn}>
            {(from) => (
              <div>
                <dt>{t("deal.dates")}</dt>
                <dd>
                  <Show when={d().returnsOn} fallback={formatDay(from())}>
                    {(to) => t("deal.dateRange", { from: formatDay(from()), to: formatDay(to()) })}
                  </Show>
                </dd>
              </div>
            )}
          </Show>
        </dl>

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

function Participation(props: { deal: Deal; onChange: (d: Deal) => void; signInHref: string }) {
  const d = () => props.deal;
  const [seats, setSeats] = createSignal(1);
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const [asking, setAsking] = createSignal(false);
  const [withdrawn, setWithdrawn] = createSignal(false);
  let mine: HTMLHeadingElement | undefined;

  const left = () => (d().capacity == null ? null : Math.max(0, d().capacity! - d().seatsCommitted));
  const validSeats = () => Number.isInteger(seats()) && seats() >= 1 && seats() <= d().maxSeatsPerCommitment;

  const join = async (e: SubmitEvent) => {
    e.preventDefault();
    if (!validSeats()) return;
    setBusy(true);
    setError(null);
    try {
      await data(api.deals[":id"].commitments.$post({ param: { id: d().id }, json: { seats: seats() } }));
      props.onChange((await data(api.deals[":id"].$get({ param: { id: d().id } }))).deal);
      setWithdrawn(false);
      queueMicrotask(() => mine?.focus());
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const withdraw = async () => {
    setBusy(true);
    setError(null);
    try {
      const res = await data(api.deals[":id"].commitments.mine.$delete({ param: { id: d().id } }));
      setAsking(false);
      setWithdrawn(true);
      props.onChange(res.deal);
    } catch (err) {
      setAsking(false);
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const commitment = () => d().viewerCommitment;
  // The same rule as the API's: a waitlisted place can always be given up; active seats only
  // while the deal is open (once confirmed they are binding).
  const canWithdraw = () => {
    const c = commitment();
    if (!c) return false;
    return c.status === "waitlisted" || (d().status === "open" && d().joinable);
  };

  return (
    <section class="panel participation" aria-labelledby="join-heading">
      <Show
        when={commitment()}
        fallback={
          <>
            <h2 id="join-heading">{t("deal.join.title")}</h2>
            <Show when={withdrawn()}>
              <p role="status" class="notice">
                {t("deal.withdrawn")}
              </p>
            </Show>
            <Switch>
              <Match when={!d().joinable}>
                <p>{t("deal.join.closed")}</p>
              </Match>
              <Match when={!user()}>
                <A href={props.signInHref} class="button button--block">
                  {t("deal.join.signIn")}
                </A>
              </Match>
              <Match when={user()}>
                <form class="join" onSubmit={join} novalidate>
                  <div class="field">
                    <label for="join-seats">{t("deal.join.seats")}</label>
                    <p class="field__hint" id="join-seats-hint">
                      {tp("deal.join.seatsHint", d().maxSeatsPerCommitment)}
                    </p>
                    <input
                      id="join-seats"
                      type="number"
                      inputmode="numeric"
                      min="1"
                      max={d().maxSeatsPerCommitment}
                      step="1"
                      value={seats()}
                      aria-describedby="join-seats-hint"
                      aria-invalid={!validSeats()}
                      onInput={(e) => setSeats(e.currentTarget.valueAsNumber)}
                    />
                  </div>
                  <p class="join__total">
                    {t("deal.join.total", {
                      price: formatPrice(d().pricePerSeatCents * (validSeats() ? seats() : 0), d().currency),
                    })}
                  </p>
                  <Show when={left() !== null && validSeats() && seats() > left()!}>
                    <p class="notice notice--warning">
                      {left() === 0 ? t("deal.join.fullHint") : tp("deal.join.waitlistHint", left()!)}
                    </p>
                  </Show>
                  <button type="submit" class="button button--block" disabled={busy() || !validSeats()}>
                    {busy() ? t("deal.join.submitting") : tp("deal.join.submit", validSeats() ? seats() : 1)}
                  </button>
                </form>
              </Match>
            </Switch>
          </>
        }
      >
        {(c) => (
          <>
            <h2 id="join-heading" tabindex="-1" ref={(el) => (mine = el)}>
              {t("deal.mine.title")}
            </h2>
            <p role="status" class="notice" classList={{ "notice--warning": c().status === "waitlisted", "notice--success": c().status === "active" }}>
              {c().status === "waitlisted"
                ? tp("deal.mine.waitlisted", c().seats, { position: c().waitlistPosition ?? "?" })
                : tp("deal.mine.active", c().seats)}
            </p>
            <Show when={c().status === "active" && d().status === "confirmed"}>
              <p class="muted">{t("deal.mine.binding")}</p>
            </Show>
            <Show when={canWithdraw()}>
              <button type="button" class="button button--secondary button--block" onClick={() => setAsking(true)}>
                {c().status === "waitlisted" ? t("deal.leaveWaitlist") : t("deal.withdraw")}
              </button>
            </Show>
          </>
        )}
      </Show>
      <Show when={error()}>
        <p class="notice notice--error" role="alert">
          {error()}
        </p>
      </Show>
      <ConfirmDialog
        open={asking()}
        title={t("deal.withdraw.title")}
        text={t("deal.withdraw.text")}
        confirmLabel={t("deal.withdraw.confirm")}
        cancelLabel={t("deal.withdraw.keep")}
        busy={busy()}
        danger
        onConfirm={withdraw}
        onClose={() => setAsking(false)}
      />
    </section>
  );
}

function Share(props: { deal: Deal }) {
  const [state, setState] = createSignal<"idle" | "copied" | "manual">("idle");
  const url = () => `${window.location.origin}/deals/${props.deal.id}`;
  const share = async () => {
    const payload = { title: props.deal.title, text: t("deal.share.text"), url: url() };
    if (typeof navigator.share === "function" && (navigator.canShare?.(payload) ?? true)) {
      try {
        await navigator.share(payload);
        return;
      } catch (e) {
        if ((e as DOMException).name === "AbortError") return;
      }
    }
    try {
      await navigator.clipboard.writeText(url());
      setState("copied");
    } catch {
      setState("manual");
    }
  };
  return (
    <div class="share">
      <button type="button" class="button button--secondary button--block" onClick={() => void share()}>
        {t("deal.share")}
      </button>
      <p role="status" class="share__status">
        <Show when={state() === "copied"}>{t("deal.share.copied")}</Show>
      </p>
      <Show when={state() === "manual"}>
        <div class="field">
          <label for="share-link">{t("deal.share.manual")}</label>
          <input id="share-link" type="text" readonly value={url()} aria-label={t("deal.share.link")} onFocus={(e) => e.currentTarget.select()} />
        </div>
      </Show>
    </div>
  );
}
