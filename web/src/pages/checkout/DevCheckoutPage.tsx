// The development checkout (/dev/checkout/:paymentId): where "Pay now" leads without a Stripe
// account. It shows what is being paid, says plainly that no money moves, and answers "Pay" or
// "Decline" with the same code the Stripe webhook runs, then goes back to the deal page, which
// says how it went. The API answers 404 outside development mode and for an unknown payment.
import { A, createAsync, useNavigate, useParams } from "@solidjs/router";
import { Match, Show, Switch } from "solid-js";
import { isApiError } from "../../api.ts";
import { getDeal, mutation, stale } from "../../data.ts";
import { t } from "../../i18n/index.ts";
import { formatMoment, formatPrice } from "../../format.ts";
import { ErrorState, Failure, Loaded, PageHeading, usePageTitle } from "../../components/States.tsx";
import { answerDevPayment, getDevPayment } from "./dev-payment.ts";

export default function DevCheckoutPage() {
  const params = useParams<{ paymentId: string }>();
  usePageTitle(() => t("devpay.notice"));
  return (
    <section class="narrow checkout">
      <div class="notice notice--warning">
        <PageHeading>{t("devpay.notice")}</PageHeading>
      </div>
      <Loaded
        error={(e, retry) =>
          isApiError(e) && e.status === 404 ? <p class="notice notice--error">{t("devpay.missing")}</p> : <ErrorState error={e} retry={retry} />
        }
      >
        <Checkout paymentId={params.paymentId} />
      </Loaded>
    </section>
  );
}

function Checkout(props: { paymentId: string }) {
  const payment = createAsync(() => getDevPayment(props.paymentId));
  const navigate = useNavigate();
  const answering = mutation(async (dealId: string, outcome: "paid" | "failed") => {
    await answerDevPayment(props.paymentId, outcome);
    // The deal page reads the payment afresh; the "success" page waits until it reads paid.
    stale(getDeal, getDevPayment);
    navigate(`/deals/${dealId}?payment=${outcome === "paid" ? "success" : "cancelled"}`);
  });

  return (
    <Show when={payment()}>
      {(p) => (
        <div class="panel checkout__panel">
          <p class="checkout__deal">
            <A href={`/deals/${p().deal.id}`}>{p().deal.title}</A>
          </p>
          <p class="checkout__amount">{t("pay.due", { amount: formatPrice(p().amountCents, p().currency), due: formatMoment(p().dueAt) })}</p>
          <Switch>
            <Match when={p().status === "paid"}>
              <p class="notice notice--success">{t("pay.received")}</p>
              <A href={`/deals/${p().deal.id}`}>{t("manage.back")}</A>
            </Match>
            <Match when={p().status === "lapsed"}>
              <p class="notice notice--error">{t("commitment.lapsed")}</p>
              <A href={`/deals/${p().deal.id}`}>{t("manage.back")}</A>
            </Match>
            <Match when={p().status === "due"}>
              <div class="checkout__actions" aria-busy={answering.pending}>
                <button type="button" class="button button--large" disabled={answering.pending} onClick={() => void answering.run(p().deal.id, "paid")}>
                  {t("devpay.pay")}
                </button>
                <button
                  type="button"
                  class="button button--secondary button--large"
                  disabled={answering.pending}
                  onClick={() => void answering.run(p().deal.id, "failed")}
                >
                  {t("devpay.decline")}
                </button>
              </div>
              <Failure error={answering.error} />
            </Match>
          </Switch>
        </div>
      )}
    </Show>
  );
}
