// Stripe's webhook: trusts nothing but a valid Stripe-Signature over the raw body, and turns the
// Checkout events Quorum asked for into a payment's outcome (settle-payment.ts). Other events
// are acknowledged and ignored, so Stripe does not retry them.
import type Stripe from "stripe";
import type { Deps } from "../context.ts";
import { AppError } from "../errors.ts";
import { verifiedEvent } from "./stripe.ts";
import { settlePayment, type PaymentOutcome } from "./settle-payment.ts";

/** The outcome a Checkout event means, or null when it means nothing for the payment. */
function outcomeOf(event: Stripe.Event): PaymentOutcome | null {
  switch (event.type) {
    case "checkout.session.completed":
      if (event.data.object.payment_status === "paid") return "paid";
      return event.data.object.payment_status === "unpaid" ? "processing" : null;
    case "checkout.session.async_payment_succeeded":
      return "paid";
    case "checkout.session.async_payment_failed":
      return "failed";
    default:
      return null;
  }
}

export async function handleStripeWebhook(deps: Deps, rawBody: string, signature: string | undefined): Promise<{ received: true }> {
  const stripe = deps.config.stripe;
  if (!stripe) {
    // Without a webhook secret no signature can verify: the same answer as a bad one.
    deps.log.warn("stripe webhook without STRIPE_WEBHOOK_SECRET configured");
    throw new AppError("WEBHOOK_SIGNATURE_INVALID", "Stripe is not configured here, so no signature verifies.");
  }
  let event: Stripe.Event;
  try {
    event = await verifiedEvent(stripe, rawBody, signature ?? "");
  } catch (err) {
    deps.log.warn("stripe webhook refused", { reason: err instanceof Error ? err.message : String(err) });
    throw new AppError("WEBHOOK_SIGNATURE_INVALID", "The Stripe-Signature does not verify this body.");
  }
  const outcome = outcomeOf(event);
  if (outcome === null) return { received: true };
  const session = event.data.object as Stripe.Checkout.Session;
  const paymentId = session.metadata?.paymentId ?? session.client_reference_id;
  if (!paymentId) {
    deps.log.warn("stripe webhook without a payment", { eventId: event.id, type: event.type });
    return { received: true };
  }
  await settlePayment(deps, { eventId: event.id, eventType: event.type, paymentId, outcome });
  return { received: true };
}
