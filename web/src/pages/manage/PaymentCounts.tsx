// Paying at the tip, for the initiator: how many have paid, are still due or lapsed, and each
// participant's payment in the participant table.
import { Show } from "solid-js";
import { t } from "../../i18n/index.ts";
import { formatPrice } from "../../format.ts";
import type { Participant } from "./ParticipantTable.tsx";

const STATUSES = ["paid", "due", "lapsed"] as const;

export function PaymentCounts(props: { participants: Participant[] }) {
  const payments = () => props.participants.flatMap((p) => (p.payment ? [p.payment] : []));
  const count = (status: (typeof STATUSES)[number]) => payments().filter((p) => p.status === status).length;
  return (
    <Show when={payments().length}>
      <section class="pay-counts" aria-labelledby="payments-heading">
        <h2 id="payments-heading">{t("manage.payments")}</h2>
        <dl class="facts">
          {STATUSES.map((s) => (
            <div class={`pay-counts__${s}`}>
              <dt>{t(`payment.${s}`)}</dt>
              <dd>{count(s)}</dd>
            </div>
          ))}
        </dl>
      </section>
    </Show>
  );
}

/** A participant's payment as a table cell: its status and amount, or a dash when none was asked. */
export function PaymentCell(props: { participant: Participant }) {
  return (
    <td class="pay-cell">
      <Show when={props.participant.payment} fallback="–">
        {(p) => (
          <>
            <span class={`pay-status pay-status--${p().status}`}>{t(`payment.${p().status}`)}</span>{" "}
            <span class="pay-cell__amount">{formatPrice(p().amountCents, p().currency)}</span>
          </>
        )}
      </Show>
    </td>
  );
}
