// A deal in a list: title, price, progress and when it ends (or when it tipped).
import { A } from "@solidjs/router";
import { Show } from "solid-js";
import type { Deal } from "../api.ts";
import { t } from "../i18n/index.ts";
import { formatPrice, relative } from "../format.ts";
import { Progress } from "./Progress.tsx";

export function DealCard(props: { deal: Deal }) {
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
      <p class="card__price">{t("card.price", { price: formatPrice(d().pricePerSeatCents, d().currency) })}</p>
      <Progress
        compact
        threshold={d().threshold}
        capacity={d().capacity}
        seatsCommitted={d().seatsCommitted}
        seatsWaitlisted={d().seatsWaitlisted}
      />
      <p class="card__when">
        <Show when={d().status === "confirmed" && d().confirmedAt} fallback={t("card.ends", { when: relative(d().deadline) })}>
          {t("card.confirmed", { when: relative(d().confirmedAt ?? d().deadline) })}
        </Show>
      </p>
    </article>
  );
}
