// The viewer's payment once the deal is confirmed: what to pay and by when, with "Pay now"; a
// receipt once paid; why the seats were freed once it lapsed. Back from the checkout
// (?payment=success) it says "Payment received" only when the server says paid, and reads the
// deal again until it does (the live stream may bring it first).
import { useSearchParams } from "@solidjs/router";
import { createEffect, createSignal, Match, onCleanup, Show, Switch } from "solid-js";
import type { CommitmentPaymentJson } from "../../../../api/contract/payment-schemas.ts";
import { PAYMENT_WINDOW } from "../../../../api/contract/payment-window.ts";
import { api, data, type Deal } from "../../api.ts";
import { mutation, refreshDeal } from "../../data.ts";
import { t } from "../../i18n/index.ts";
import { formatMoment, formatPrice } from "../../format.ts";
import { Failure } from "../../components/States.tsx";
import { serverNow } from "../../server-time.ts";

/** How often, and how many times, the page asks again while a returned payment is being confirmed. */
const CONFIRM_EVERY_MS = 2_000;
const CONFIRM_TRIES = 30;
const HOUR = 3_600_000;

/** Where this viewer pays for their seats; the amount is the server's, never the page's. */
async function startPayment(dealId: string): Promise<string> {
  const { url } = await data(api.deals[":id"].payment.$post({ param: { id: dealId } }));
  return url;
}

export function PaymentPanel(props: { deal: Deal; payment: CommitmentPaymentJson }) {
  const p = () => props.payment;
  const [search] = useSearchParams<{ payment?: string }>();
  const returned = () => search.payment;
  const confirming = () => returned() === "success" && p().status === "due";
  const [slow, setSlow] = createSignal(false);
  // The reminder note appears when the last day begins, also on a page left open until then.
  const [soon, setSoon] = createSignal(false);
  createEffect(() => {
    const until = Date.parse(p().dueAt) - PAYMENT_WINDOW.reminderBeforeHours * HOUR - serverNow();
    setSoon(until <= 0);
    if (until <= 0) return;
    const id = setTimeout(() => setSoon(true), Math.min(until, 2 ** 31 - 1));
    onCleanup(() => clearTimeout(id));
  });
  const paying = mutation(async (dealId: string) => {
    const url = await startPayment(dealId);
    window.location.assign(url);
    // The page is leaving: the button stays busy until it has.
    await new Promise(() => undefined);
  });

  createEffect(() => {
    if (!confirming()) return;
    let tries = 0;
    const id = setInterval(() => {
      if (++tries > CONFIRM_TRIES) {
        clearInterval(id);
        setSlow(true);
        return;
      }
      void refreshDeal(props.deal.id);
    }, CONFIRM_EVERY_MS);
    onCleanup(() => clearInterval(id));
  });

  const amount = () => formatPrice(p().amountCents, p().currency);
  const due = () => formatMoment(p().dueAt);

  return (
    <section class="panel pay" classList={{ "pay--paid": p().status === "paid", "pay--lapsed": p().status === "lapsed" }} aria-labelledby="pay-heading">
      <h2 id="pay-heading">{t("manage.col.payment")}</h2>
      <div role="status" aria-live="polite">
        <Switch>
          <Match when={p().status === "paid"}>
            <p class="notice notice--success">
              <strong>{t("pay.received")}</strong> {t("pay.paidOn", { amount: amount(), date: p().paidAt ? formatMoment(p().paidAt!) : "" })}
            </p>
          </Match>
          <Match when={p().status === "lapsed"}>
            <p class="notice notice--error">
              {t("pay.lapsed", { due: due() })}
            </p>
          </Match>
          <Match when={confirming()}>
            <p class="notice">
              <Show when={!slow()}>
                <span class="spinner" aria-hidden="true" />{" "}
              </Show>
              {slow() ? t("pay.confirmingSlow") : t("pay.confirming")}
            </p>
          </Match>
          <Match when={returned() === "cancelled"}>
            <p class="notice notice--warning">
              {t("pay.notYet", { due: due() })}
            </p>
          </Match>
        </Switch>
      </div>
      <Show when={p().status === "due" && (!confirming() || slow())}>
        <p class="pay__amount">{t("pay.due", { amount: amount(), due: due() })}</p>
        <Show when={soon()}>
          <p class="notice notice--warning">{t("pay.soon", { hours: PAYMENT_WINDOW.reminderBeforeHours })}</p>
        </Show>
        <button type="button" class="button button--large button--block" disabled={paying.pending} onClick={() => void paying.run(props.deal.id)}>
          {paying.pending ? t("common.loading") : t("pay.now")}
        </button>
        <Failure error={paying.error} />
      </Show>
    </section>
  );
}
