// Paying at the tip, from the web app: asking where to pay (Stripe Checkout, or the development
// checkout), and the development checkout's own read and answer. The development checkout's query
// lives here rather than in data.ts, which every page loads: only that page reads it.
import { query } from "@solidjs/router";
import { api, data } from "../../api.ts";
import { getMyCommitments, stale } from "../../data.ts";

/** Where this viewer pays for their seats; the amount is the server's, never the page's. */
export async function startPayment(dealId: string): Promise<string> {
  const { url } = await data(api.deals[":id"].payment.$post({ param: { id: dealId } }));
  return url;
}

/** The payment the development checkout shows; 404 outside development mode and for an unknown payment. */
export const getDevPayment = query((paymentId: string) => data(api.dev.payments[":paymentId"].$get({ param: { paymentId } })), "devPayment");

/** The development checkout's answer: it runs the webhook's code, then the deal page shows the outcome. */
export async function answerDevPayment(paymentId: string, outcome: "paid" | "failed") {
  await data(api.dev.payments[":paymentId"].$post({ param: { paymentId }, json: { outcome } }));
  stale(getMyCommitments);
}
