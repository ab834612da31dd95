// Joining a deal: how many seats, what they cost, whether they will be waitlisted, what committing
// means (and, where the seats bind at once, a question first); or why one cannot join (closed, or
// not signed in).
import { A, useLocation } from "@solidjs/router";
import { createSignal, lazy, Match, Show, Suspense, Switch } from "solid-js";
import type { Deal } from "../../api.ts";
import type { Mutation } from "../../data.ts";
import { loadMoreMessages, t, tp } from "../../i18n/index.ts";
import { formatPrice } from "../../format.ts";
import { user } from "../../session.ts";
import { Failure, SubmitButton } from "../../components/States.tsx";
import { JoinOptions, ReleasedNotice } from "./co-create-lazy.ts";
import { CommitTerms } from "./CommitTerms.tsx";

// Only a confirmed deal asks before joining: the question loads for one.
const ConfirmJoin = lazy(() => Promise.all([import("./later.ts"), loadMoreMessages()]).then(([m]) => ({ default: m.ConfirmJoin })));

export function JoinPanel(props: {
  deal: Deal;
  joining: Mutation<[id: string, seats: number, optionIds?: string[]], unknown>;
  withdrawn: boolean;
}) {
  const d = () => props.deal;
  const location = useLocation();
  const [seats, setSeats] = createSignal(1);
  const joining = props.joining;

  const left = () => (d().capacity == null ? null : Math.max(0, d().capacity! - d().seatsCommitted));
  const validSeats = () => Number.isInteger(seats()) && seats() >= 1 && seats() <= d().maxSeatsPerCommitment;
  // Options: while the group chooses, the person ticks the ones they can make; after the win, the winner only.
  const [picked, setPicked] = createSignal<ReadonlySet<string>>(new Set());
  const choosing = () => d().options.length > 0 && !d().winningOptionId;
  const toggle = (id: string, on: boolean) =>
    setPicked((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const validChoice = () => !choosing() || picked().size > 0;

  // Seats that fit a confirmed deal bind the moment they are committed: that is asked first.
  // (Seats that do not fit join the waitlist, which binds nothing.)
  const bindsAtOnce = () => d().status === "confirmed" && (left() === null || seats() <= left()!);
  const [asking, setAsking] = createSignal(false);
  const commit = () => joining.run(d().id, seats(), choosing() ? [...picked()] : undefined);

  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    if (!validSeats() || !validChoice()) return;
    if (bindsAtOnce()) setAsking(true);
    else void commit();
  };
  const confirm = async () => {
    await commit();
    setAsking(false);
  };
  const total = () => formatPrice(d().currentPricePerSeatCents * (validSeats() ? seats() : 0), d().currency);

  return (
    <>
      <h2 id="join-heading">{t("deal.join.title")}</h2>
      <Show when={d().viewerCommitment?.status === "released"}>
        <ReleasedNotice deal={d()} />
      </Show>
      <Show when={props.withdrawn}>
        <p role="status" class="notice">
          {t("deal.withdrawn")}
        </p>
      </Show>
      <Switch>
        <Match when={!d().joinable}>
          <p>{t("deal.join.closed")}</p>
        </Match>
        <Match when={!user()}>
          <CommitTerms deal={d()} full={left() === 0} />
          <A href={`/sign-in?next=${encodeURIComponent(`${location.pathname}?join=1`)}`} class="button button--block">
            {t("deal.join.signIn")}
          </A>
        </Match>
        <Match when={user()}>
          <form class="join" onSubmit={submit} novalidate>
            <Show when={d().options.length > 0}>
              <JoinOptions deal={d()} picked={picked()} toggle={toggle} />
            </Show>
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
            <p class="join__total">{t("deal.join.total", { price: total() })}</p>
            <Show when={left() !== null && validSeats() && seats() > left()!}>
              <p class="notice notice--warning">{left() === 0 ? t("deal.join.fullHint") : tp("deal.join.waitlistHint", left()!)}</p>
            </Show>
            <CommitTerms deal={d()} full={left() === 0} />
            <SubmitButton
              class="button button--block"
              pending={joining.pending && !asking()}
              disabled={!validSeats() || !validChoice()}
              label={left() === 0 ? t("deal.join.waitlist") : tp("deal.join.submit", validSeats() ? seats() : 1)}
              pendingLabel={t("deal.join.submitting")}
            />
          </form>
          <Show when={d().status === "confirmed"}>
            <Suspense>
              <ConfirmJoin
                open={asking()}
                seats={validSeats() ? seats() : 1}
                total={total()}
                busy={joining.pending}
                onConfirm={() => void confirm()}
                onClose={() => setAsking(false)}
              />
            </Suspense>
          </Show>
        </Match>
      </Switch>
      <Failure error={joining.error} />
    </>
  );
}
