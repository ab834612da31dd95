// The totals on the manage page: seats, people and money, the committed and the waitlisted apart.
// Money is seats × the price a seat now (the tier reached, or the final price once fixed), in the
// deal's currency: what the initiator can expect, not what has been paid.
import { t, tp } from "../../i18n/index.ts";
import { formatPrice } from "../../format.ts";
import type { Deal } from "../../api.ts";
import type { Participant } from "./ParticipantTable.tsx";

export function ManageTotals(props: { deal: Deal; participants: Participant[] }) {
  const price = () => props.deal.currentPricePerSeatCents;
  const part = (status: "active" | "waitlisted") => {
    const rows = props.participants.filter((p) => p.status === status);
    const seats = rows.reduce((sum, p) => sum + p.seats, 0);
    return { seats, people: rows.length, money: formatPrice(seats * price(), props.deal.currency) };
  };
  const Total = (p: { label: string; status: "active" | "waitlisted" }) => (
    <div class="totals__item">
      <dt>{p.label}</dt>
      <dd>
        <span class="totals__seats">{tp("manage.totals.seats", part(p.status).seats)}</span>
        <span class="muted"> · {tp("manage.totals.people", part(p.status).people)}</span>
      </dd>
      <dd class="totals__money">{part(p.status).money}</dd>
    </div>
  );
  return (
    <section class="panel totals" aria-labelledby="totals-heading">
      <h2 id="totals-heading">{t("manage.totals.title")}</h2>
      <dl class="totals__list">
        <Total label={t("manage.totals.active")} status="active" />
        <Total label={t("manage.totals.waitlisted")} status="waitlisted" />
      </dl>
      <p class="muted totals__basis">
        {t("manage.totals.basis", { price: formatPrice(price(), props.deal.currency), currency: props.deal.currency })}
      </p>
    </section>
  );
}
