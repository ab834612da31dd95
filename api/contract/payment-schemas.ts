// The payment part of the contract (paying at the tip): what a commitment's payment looks like to
// its participant and to the initiator, the request and answer shapes of the payment routes, and
// the window to pay. The routes validate with these, and the web app imports their types.
import { z } from "zod";
import { PAYMENT_WINDOW } from "./payment-window.ts";

export { PAYMENT_WINDOW };

export const paymentWindowHours = z
  .int()
  .check(z.gte(PAYMENT_WINDOW.minHours), z.lte(PAYMENT_WINDOW.maxHours), z.meta({ example: 72 }));

const PaymentStatus = z.enum(["due", "paid", "lapsed"]);

/** A commitment's payment, seen by its participant and by the deal's initiator; null when none was asked. */
export const CommitmentPayment = z
  .object({
    status: PaymentStatus,
    amountCents: z.int().meta({ description: "In the currency's minor unit: seats times the final price" }),
    currency: z.string(),
    dueAt: z.string(),
    paidAt: z.string().nullable(),
  })
  .meta({ id: "CommitmentPayment" });
export type CommitmentPaymentJson = z.output<typeof CommitmentPayment>;

/** `POST /api/deals/:id/payment` answers where to pay: Stripe Checkout, or the development checkout. */
export const PaymentCheckout = z.object({ url: z.string() }).meta({ id: "PaymentCheckout" });

/** `POST /api/dev/payments/:paymentId`: the development checkout's outcome; runs the webhook's code. */
export const DevPaymentBody = z.object({ outcome: z.enum(["paid", "failed"]) }).strict().meta({ id: "DevPaymentOutcome" });

/** `GET /api/dev/payments/:paymentId`: what the development checkout page shows. */
export const DevPayment = z
  .object({
    id: z.string(),
    status: PaymentStatus,
    amountCents: z.int(),
    currency: z.string(),
    dueAt: z.string(),
    deal: z.object({ id: z.string(), title: z.string() }),
  })
  .meta({ id: "DevPayment" });
export type DevPaymentJson = z.output<typeof DevPayment>;
