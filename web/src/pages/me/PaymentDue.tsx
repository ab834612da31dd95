// Paying at the tip, in "My deals": a commitment whose payment is due says how much by when, and
// leads to the deal page, where "Pay now" is.
import { A } from "@solidjs/router";
import { Show } from "solid-js";
import type { CommitmentPaymentJson } from "../../../../api/contract/payment-schemas.ts";
import { t } from "../../i18n/index.ts";
import { formatMoment, formatPrice } from "../../format.ts";

export function PaymentDue(props: { dealId: string; payment: CommitmentPaymentJson | null }) {
  return (
    <Show when={props.payment?.status === "due" && props.payment}>
      {(p) => (
        <A href={`/deals/${props.dealId}`} class="notice notice--warning pay-due">
          {t("pay.due", { amount: formatPrice(p().amountCents, p().currency), due: formatMoment(p().dueAt) })}
        </A>
      )}
    </Show>
  );
}
