/**
 * Stripe Events for the fake Stripe server (fake-stripe.ts): building them, signing them the way
 * Stripe signs webhooks, and POSTing them to a receiver.
 *
 * Signing, as stripe@23.1.0 verifies it (node_modules/stripe/esm/Webhooks.js):
 * `Stripe-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`. The SDK
 * splits the header on "," and "=", keeps every `v1`, compares each with the expected HMAC, and
 * then rejects `t` older than `tolerance` seconds (default 300) measured against `Date.now()` or
 * its `receivedAt` argument. Stripe sends the body pretty-printed (two-space JSON), so a receiver
 * that verifies a re-serialised body instead of the raw bytes fails here as it would in production.
 */
import { createHmac, randomBytes } from "node:crypto";
import type Stripe from "stripe";

export type CheckoutEventType =
  | "checkout.session.completed"
  | "checkout.session.async_payment_succeeded"
  | "checkout.session.async_payment_failed"
  | "checkout.session.expired";

export type CheckoutEvent =
  | Stripe.CheckoutSessionCompletedEvent
  | Stripe.CheckoutSessionAsyncPaymentSucceededEvent
  | Stripe.CheckoutSessionAsyncPaymentFailedEvent
  | Stripe.CheckoutSessionExpiredEvent;

export interface SignOptions {
  /** Unix seconds written in `t=`; default: the fake's clock. */
  timestamp?: number;
  /** Sign with this secret instead of the webhook secret (a wrong-secret delivery). */
  secret?: string;
}

export interface SignedPayload {
  body: string;
  header: string;
  timestamp: number;
}

export interface DeliverOptions extends SignOptions {
  /** Receiver URL, e.g. `${app}/api/webhooks/stripe`. */
  to: string;
  /** Change the body after signing it (the signature no longer matches). */
  tamper?: boolean;
  /** POST the same event (same id) this many times in a row, as Stripe may. Default 1. */
  times?: number;
}

export interface DeliveryRecord {
  eventId: string;
  type: CheckoutEventType;
  to: string;
  /** Receiver's HTTP status; 0 when it could not be reached. */
  status: number;
  tampered: boolean;
}

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** Stripe-looking id: prefix + random base62 (ids are opaque; only the prefix is meaningful). */
export function stripeId(prefix: string, length = 24): string {
  const bytes = randomBytes(length);
  return prefix + Array.from(bytes, (b) => BASE62[b % 62]).join("");
}

export function signatureHeader(body: string, secret: string, timestamp: number): string {
  const v1 = createHmac("sha256", secret).update(`${timestamp}.${body}`, "utf8").digest("hex");
  return `t=${timestamp},v1=${v1}`;
}

export function buildEvent(
  type: CheckoutEventType,
  session: Stripe.Checkout.Session,
  created: number,
  apiVersion: string,
  request: { id: string | null; idempotency_key: string | null },
): CheckoutEvent {
  const base = {
    id: stripeId("evt_1"),
    object: "event" as const,
    api_version: apiVersion,
    created,
    livemode: false,
    pending_webhooks: 1,
    request,
    data: { object: structuredClone(session) },
  };
  // One literal per member keeps the discriminated union honest without casts.
  switch (type) {
    case "checkout.session.completed":
      return { ...base, type };
    case "checkout.session.async_payment_succeeded":
      return { ...base, type };
    case "checkout.session.async_payment_failed":
      return { ...base, type };
    case "checkout.session.expired":
      return { ...base, type };
  }
}

export function signEvent(event: CheckoutEvent, secret: string, timestamp: number): SignedPayload {
  const body = JSON.stringify(event, null, 2);
  return { body, header: signatureHeader(body, secret, timestamp), timestamp };
}

/** The same event with a cheaper total: valid JSON, but not what was signed. */
export function tamperedBody(event: CheckoutEvent): string {
  const forged = structuredClone(event);
  forged.data.object.amount_total = 1;
  return JSON.stringify(forged, null, 2);
}

/** POSTs one delivery like Stripe's webhook sender; answers the receiver's status (0: unreachable). */
export async function postEvent(to: string, body: string, header: string): Promise<number> {
  try {
    const res = await fetch(to, {
      method: "POST",
      headers: {
        "content-type": "application/json; charset=utf-8",
        "stripe-signature": header,
        "user-agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
      },
      body,
    });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
}
