// The development checkout's read and answer. Its query lives here rather than in data.ts, which
// every page loads: only the development checkout reads it.
import { query } from "@solidjs/router";
import { api, data } from "../../api.ts";
import { getMyCommitments, stale } from "../../data.ts";

/** The payment the development checkout shows; 404 outside development mode and for an unknown payment. */
export const getDevPayment = query((paymentId: string) => data(api.dev.payments[":paymentId"].$get({ param: { paymentId } })), "devPayment");

/** The development checkout's answer: it runs the webhook's code, then the deal page shows the outcome. */
export async function answerDevPayment(paymentId: string, outcome: "paid" | "failed") {
  await data(api.dev.payments[":paymentId"].$post({ param: { paymentId }, json: { outcome } }));
  stale(getMyCommitments);
}
