// Joining a deal: how many seats, what they cost, whether they will be waitlisted; or why one
// cannot join (closed, or not signed in).
import { A, useLocation } from "@solidjs/router";
import { createSignal, Match, Show, Switch } from "solid-js";
import type { Deal } from "../../api.ts";
import type { Mutation } from "../../data.ts";
import { t, tp } from "../../i18n/index.ts";
import { formatPrice } from "../../format.ts";
import { user } from "../../session.ts";
import { Failure, SubmitButton } from "../../components/States.tsx";
import { JoinOptions, ReleasedNotice } from "./co-create-lazy.ts";

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

  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    if (validSeats() && validChoice()) void joining.run(d().id, seats(), choosing() ? [...picked()] : undefined);
  };

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
            <p class="join__total">
              {t("deal.join.total", { price: formatPrice(d().currentPricePerSeatCents * (validSeats() ? seats() : 0), d().currency) })}
            </p>
            <Show when={left() !== null && validSeats() && seats() > left()!}>
              <p class="notice notice--warning">{left() === 0 ? t("deal.join.fullHint") : tp("deal.join.waitlistHint", left()!)}</p>
            </Show>
            <SubmitButton
              class="button button--block"
              pending={joining.pending}
              disabled={!validSeats() || !validChoice()}
              label={tp("deal.join.submit", validSeats() ? seats() : 1)}
              pendingLabel={t("deal.join.submitting")}
            />
          </form>
        </Match>
      </Switch>
      <Failure error={joining.error} />
    </>
  );
}
