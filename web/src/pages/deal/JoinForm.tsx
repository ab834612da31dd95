// The join form of a signed-in visitor: how many seats (and, while the group chooses, which
// options), what they cost, whether they will be waitlisted, and, where the seats bind at once, a
// question first. JoinPanel.tsx shows it, with what committing means as its children; it loads
// with the deal page's later parts, which a signed-in visitor's page asks for beside the deal.
import { createSignal, type JSX, lazy, Show, Suspense } from "solid-js";
import type { Deal } from "../../api.ts";
import type { Mutation } from "../../data.ts";
import { t, tp } from "../../i18n/index.ts";
import { formatPrice } from "../../format.ts";
import { SubmitButton } from "../../components/States.tsx";
import { ConfirmJoin } from "./ConfirmJoin.tsx";

// Only a deal with options shows them (their words came with this chunk's).
const JoinOptions = lazy(() => import("./co-create.ts").then((m) => ({ default: m.JoinOptions })));

export function JoinForm(props: {
  deal: Deal;
  joining: Mutation<[id: string, seats: number, optionIds?: string[]], unknown>;
  /** What committing means, above the submit button. */
  children: JSX.Element;
}) {
  const d = () => props.deal;
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
      <form class="join" onSubmit={submit} novalidate>
        <Show when={d().options.length > 0}>
          <Suspense>
            <JoinOptions deal={d()} picked={picked()} toggle={toggle} />
          </Suspense>
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
        {props.children}
        <SubmitButton
          class="button button--block"
          pending={joining.pending && !asking()}
          disabled={!validSeats() || !validChoice()}
          label={left() === 0 ? t("deal.join.waitlist") : tp("deal.join.submit", validSeats() ? seats() : 1)}
          pendingLabel={t("deal.join.submitting")}
        />
      </form>
      <Show when={d().status === "confirmed"}>
        <ConfirmJoin
          open={asking()}
          seats={validSeats() ? seats() : 1}
          total={total()}
          busy={joining.pending}
          onConfirm={() => void confirm()}
          onClose={() => setAsking(false)}
        />
      </Show>
    </>
  );
}
