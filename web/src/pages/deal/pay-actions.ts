// Paying at the tip, from the web app: asking where to pay (Stripe Checkout, or the development
// checkout), and the development checkout's own read and answer.
import { api, data } from "../../api.ts";
import { getMyCommitments, stale } from "../../data.ts";

/** Where this viewer pays for their seats; the amount is the server's, never the page's. */
export async function startPayment(dealId: string): Promise<string> {
  const { url } = await data(api.deals[":id"].payment.$post({ param: { id: dealId } }));
  return url;
}

/** The development checkout's answer: it runs the webhook's code, then the deal page shows the outcome. */
export async function answerDevPayment(paymentId: string, outcome: "paid" | "failed") {
  await data(api.dev.payments[":paymentId"].$post({ param: { paymentId }, json: { outcome } }));
  stale(getMyCommitments);
}
