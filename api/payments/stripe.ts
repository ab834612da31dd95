// The Stripe port: the official SDK built from config.stripe, the same way on Node and on Workers
// (the fetch HTTP client, and SubtleCrypto to verify webhooks). STRIPE_API_BASE points it at
// another endpoint (the tests' fake), split into the SDK's host, port and protocol options.
// The SDK is loaded when a payment first needs it: ~3.7 MB of heap that a server without Stripe, or
// before its first payment, does not carry (docs/decisions/017).
import type Stripe from "stripe";
import type { Config } from "../config.ts";
import { clock } from "../clock.ts";

type StripeConfig = NonNullable<Config["stripe"]>;

/** Stripe signs each delivery with its time; older than this, a delivery is refused (a replay). */
const WEBHOOK_TOLERANCE_SECONDS = 300;

const clients = new WeakMap<StripeConfig, Promise<Stripe>>();

/** The SDK for this configuration, made once per configuration (per process or isolate). */
function stripeFor(config: StripeConfig): Promise<Stripe> {
  let client = clients.get(config);
  if (!client) {
    client = import("stripe").then(({ default: StripeSdk }) => {
      const base = config.apiBase ? new URL(config.apiBase) : null;
      const protocol = base?.protocol === "http:" ? "http" : "https";
      return new StripeSdk(config.secretKey, {
        httpClient: StripeSdk.createFetchHttpClient(),
        // The SDK retries network errors, 409 and 5xx with the same idempotency key.
        maxNetworkRetries: 2,
        ...(base ? { host: base.hostname, port: Number(base.port || (protocol === "http" ? 80 : 443)), protocol } : {}),
      });
    });
    // A load that failed is not kept: the next payment tries again.
    client.catch(() => clients.delete(config));
    clients.set(config, client);
  }
  return client;
}

/** A Checkout Session as Quorum keeps it: where to pay and until when. */
interface OpenSession {
  id: string;
  url: string;
  expiresAtMs: number;
}

/** Creates a Checkout Session; the same key and parameters give back the same session. */
export async function createCheckoutSession(
  config: StripeConfig,
  params: Stripe.Checkout.SessionCreateParams,
  idempotencyKey: string,
): Promise<OpenSession> {
  const s = await (await stripeFor(config)).checkout.sessions.create(params, { idempotencyKey });
  if (!s.url) throw new Error(`Stripe answered checkout session ${s.id} without a url (status ${s.status})`);
  return { id: s.id, url: s.url, expiresAtMs: s.expires_at * 1000 };
}

/**
 * The event a webhook delivery carries, once its Stripe-Signature is verified over the raw body
 * with the webhook secret, within the tolerance by the app's clock. Throws when it is not.
 */
export async function verifiedEvent(config: StripeConfig, rawBody: string, signature: string): Promise<Stripe.Event> {
  const { default: StripeSdk } = await import("stripe");
  return (await stripeFor(config)).webhooks.constructEventAsync(
    rawBody,
    signature,
    config.webhookSecret,
    WEBHOOK_TOLERANCE_SECONDS,
    StripeSdk.createSubtleCryptoProvider(),
    clock.nowMs(),
  );
}
