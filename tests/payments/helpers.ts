// Shared by the payment tests: an app over real HTTP wired to the fake Stripe server (driven only
// through the real SDK; its clock is the app's, so signatures and expiries agree), a priced deal,
// and reads of the payments and their emails.
import { afterEach } from "vitest";
import { clock } from "../../api/clock.ts";
import { startTestServer } from "../setup/harness.ts";
import { startFakeStripe, type FakeStripe } from "../setup/fake-stripe.ts";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const clean of cleanups.splice(0).reverse()) await clean();
});

export const HOUR = 3_600_000;

export async function stripeApp(env: Record<string, string> = {}) {
  const fake = await startFakeStripe({ now: () => clock.nowMs() });
  cleanups.push(() => fake.close());
  const app = await startTestServer({
    STRIPE_SECRET_KEY: fake.secretKey,
    STRIPE_WEBHOOK_SECRET: fake.webhookSecret,
    STRIPE_API_BASE: fake.apiBase,
    ...env,
  });
  cleanups.push(() => app.close());
  const hook = `${app.url}/api/webhooks/stripe`;
  return { app, fake, hook, ...reads(app) };
}

export type PayApp = Awaited<ReturnType<typeof startTestServer>>;

export function reads(app: PayApp) {
  const payments = (dealId: string) => app.deps.prisma.payment.findMany({ where: { dealId }, orderBy: { createdAt: "asc" } });
  const paymentOf = (dealId: string, userId: string) => app.deps.prisma.payment.findFirstOrThrow({ where: { dealId, userId } });
  const emails = (kind: string, dealId?: string) =>
    app.deps.prisma.notification.findMany({ where: { kind, ...(dealId ? { dealId } : {}) }, orderBy: { id: "asc" } });
  const sweep = () => app.built.background.runNow();
  return { payments, paymentOf, emails, sweep };
}

/** Pays through the fake: the session the app made for this payment completes, and Stripe tells the app. */
export async function payAtStripe(fake: FakeStripe, hook: string, sessionId: string): Promise<number> {
  fake.complete(sessionId);
  return fake.deliver("checkout.session.completed", sessionId, { to: hook });
}

/** A confirmed deal of `n` one-seat participants at `priceCents`, each asked to pay. */
export async function dueDeal(app: PayApp, n: number, priceCents = 10000, over: Record<string, unknown> = {}) {
  const { deal, initiator } = await app.createDeal({ threshold: n, pricePerSeatCents: priceCents, ...over });
  const users = await Promise.all(Array.from({ length: n }, () => app.createUser()));
  for (const u of users) {
    const res = await app.join(u, deal.id, 1);
    if (res.status !== 201) throw new Error(`join: ${res.status} ${res.text}`);
  }
  return { deal, initiator, users };
}

/** The participant starts paying; answers the fake's session for the url the app gave. */
export async function startSession(app: PayApp, fake: FakeStripe, dealId: string, user: { cookie: string }) {
  const res = await app.api("POST", `/api/deals/${dealId}/payment`, { as: user });
  if (res.status !== 200) throw new Error(`payment: ${res.status} ${res.text}`);
  const session = fake.sessions().find((s) => s.url === res.json.url);
  if (!session) throw new Error(`no fake session for ${res.json.url}`);
  return session;
}

export type { FakeStripe };
