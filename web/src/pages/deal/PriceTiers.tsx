// Retroactive price tiers on the deal page: what everyone pays now, how many more seats the next
// tier needs and what everyone would pay then, and the tiers as a small table.
import { For, Show } from "solid-js";
import type { Deal } from "../../api.ts";
import { t, tp } from "../../i18n/index.ts";
import { formatPrice } from "../../format.ts";

export function PriceTiers(props: { deal: Deal }) {
  const d = () => props.deal;
  const money = (cents: number) => formatPrice(cents, d().currency);
  return (
    <section class="panel tiers" aria-labelledby="tiers-heading">
      <h2 id="tiers-heading">{t("tiers.title")}</h2>
      <p class="tiers__now">
        <strong>{t("tiers.now", { price: money(d().currentPricePerSeatCents) })}</strong>
      </p>
      <Show when={d().nextTier}>
        {(next) => <p class="tiers__next">{tp("tiers.next", next().seatsToGo, { price: money(next().pricePerSeatCents) })}</p>}
      </Show>
      <table class="tiers__table">
        <thead>
          <tr>
            <th scope="col">{t("tiers.seats")}</th>
            <th scope="col">{t("tiers.price")}</th>
          </tr>
        </thead>
        <tbody>
          <tr classList={{ "tiers__row--current": d().currentPricePerSeatCents === d().pricePerSeatCents }}>
            <td>{tp("tiers.from", d().threshold)}</td>
            <td>{money(d().pricePerSeatCents)}</td>
          </tr>
          <For each={d().priceTiers}>
            {(tier) => (
              <tr classList={{ "tiers__row--current": d().currentPricePerSeatCents === tier.pricePerSeatCents }}>
                <td>{tp("tiers.from", tier.minSeats)}</td>
                <td>{money(tier.pricePerSeatCents)}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </section>
  );
}
