// The payment routes: the participant's "Pay now" (POST /deals/{id}/payment), Stripe's webhook
// (no session, no origin check: only its signature counts; app.ts leaves it out of both), and in
// development mode the development checkout's two routes. Thin handlers over the use cases.
import { z } from "zod";
import { errorsFor, json, jsonBody, router, routesTagged } from "../http/openapi.ts";
import { requireUser } from "../http/middleware.ts";
import { DealIdParam, ErrorBody } from "../contract/schemas.ts";
import { DevPayment, DevPaymentBody, PaymentCheckout } from "../contract/payment-schemas.ts";
import { startPayment } from "./start-payment.ts";
import { handleStripeWebhook } from "./webhook.ts";
import { devPayment, devPaymentOutcome } from "./dev-checkout.ts";

const route = routesTagged("payments");
const devRoute = routesTagged("development");

const pay = route(
  "post",
  "/deals/{id}/payment",
  "Where to pay your due payment for this deal: a Stripe Checkout page, reused while open (the participant only)",
  {
    request: { params: DealIdParam },
    responses: {
      200: json(PaymentCheckout, "Where to pay"),
      ...errorsFor(401),
      404: json(ErrorBody, "No such deal, or no payment asked of you (DEAL_NOT_FOUND, PAYMENT_NOT_FOUND)"),
      409: json(ErrorBody, "Already paid, or the window to pay closed (PAYMENT_NOT_DUE)"),
      503: json(ErrorBody, "Payments are not set up (PAYMENTS_UNAVAILABLE)"),
    },
  },
);

const webhook = route(
  "post",
  "/webhooks/stripe",
  "Stripe's webhook: checkout.session.completed, checkout.session.async_payment_succeeded and async_payment_failed; verified by Stripe-Signature",
  {
    // The body is Stripe's event JSON. It is not declared here on purpose: a validator would parse
    // it, and the signature is over the raw bytes, which the handler reads itself.
    description: "The body is a Stripe Event (JSON), verified with the Stripe-Signature header over its raw bytes.",
    request: { headers: z.object({ "stripe-signature": z.string().optional() }) },
    responses: {
      200: json(z.object({ received: z.literal(true) }), "Handled, or nothing to do (a replay, another event)"),
      400: json(ErrorBody, "The signature does not verify the body, is too old, or Stripe is not configured (WEBHOOK_SIGNATURE_INVALID)"),
    },
  },
);

const PaymentIdParam = z.object({ paymentId: z.string().meta({ example: "0f3a9c2e7b1d4c5a" }) });

const devRead = devRoute("get", "/dev/payments/{paymentId}", "What the development checkout shows for a payment", {
  request: { params: PaymentIdParam },
  responses: { 200: json(DevPayment, "The payment"), ...errorsFor(404) },
});

const devOutcome = devRoute("post", "/dev/payments/{paymentId}", "Pay or decline at the development checkout: runs the webhook's code", {
  request: { params: PaymentIdParam, ...jsonBody(DevPaymentBody) },
  responses: { 200: json(DevPayment, "The payment after the outcome"), ...errorsFor(400, 404) },
});

export const paymentRoutes = router()
  .openapi(pay, async (c) => {
    const user = requireUser(c);
    return c.json(await startPayment(c.get("deps"), { userId: user.id, dealId: c.req.valid("param").id }), 200);
  })
  .openapi(webhook, async (c) => {
    // The raw bytes Stripe signed: never the parsed and re-serialised JSON.
    const raw = await c.req.text();
    return c.json(await handleStripeWebhook(c.get("deps"), raw, c.req.header("stripe-signature")), 200);
  });

/** Mounted in development mode only, beside the other development routes. */
export const devPaymentRoutes = () =>
  router()
    .openapi(devRead, async (c) => c.json(await devPayment(c.get("deps"), c.req.valid("param").paymentId), 200))
    .openapi(devOutcome, async (c) =>
      c.json(await devPaymentOutcome(c.get("deps"), c.req.valid("param").paymentId, c.req.valid("json").outcome), 200),
    );
