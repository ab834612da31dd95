// A deal in a list: title, travel dates, price, progress and when it ends (or when it tipped); a
// confirmed deal that still takes commitments says it is going ahead and can be joined.
import { A } from "@solidjs/router";
import { Show } from "solid-js";
import type { Deal } from "../api.ts";
import { lang, t } from "../i18n/index.ts";
import { formatPrice, relative } from "../format.ts";
import { formatDayRange } from "../../../api/contract/day-range.ts";
import { Progress } from "./Progress.tsx";

/** "12–16 May 2027", or the one day of a same-day trip; null without dates. */
const dates = (d: Deal): string | null => (d.departsOn ? formatDayRange(d.departsOn, d.returnsOn, lang()) : null);

/** `goingAhead`: the mark of a confirmed deal that still takes commitments (then it shows when it ends). */
export function DealCard(props: { deal: Deal; goingAhead?: string }) {
  const d = () => props.deal;
  return (
    <article class="card">
      <p class="card__meta">
        <span class="tag">{t(`kind.${d().kind}`)}</span>
        <Show when={d().destination}>
          <span>{d().destination}</span>
        </Show>
      </p>
      <h3 class="card__title">
        <A href={`/deals/${d().id}`}>{d().title}</A>
      </h3>
      <Show when={dates(d())}>{(text) => <p class="card__dates">{text()}</p>}</Show>
      <Show when={props.goingAhead}>{(mark) => <p class="card__going">{mark()}</p>}</Show>
      <p class="card__price">{t("card.price", { price: formatPrice(d().pricePerSeatCents, d().currency) })}</p>
      <Progress
        compact
        threshold={d().threshold}
        capacity={d().capacity}
        seatsCommitted={d().seatsCommitted}
        seatsWaitlisted={d().seatsWaitlisted}
      />
      <p class="card__when">
        <Show
          when={!props.goingAhead && d().status === "confirmed" && d().confirmedAt}
          fallback={t("card.ends", { when: relative(d().deadline) })}
        >
          {t("card.confirmed", { when: relative(d().confirmedAt ?? d().deadline) })}
        </Show>
      </p>
    </article>
  );
}
