// Development mode only (no RESEND_API_KEY and not production): the mailbox, the clock and the
// sweep. In production these routes are not mounted, so they answer 404.
import { z } from "zod";
import { errorsFor, json, jsonBody, router, routesTagged } from "../http/openapi.ts";
import { clock } from "../clock.ts";
import { fields } from "../contract/schemas.ts";

const MailboxItem = z.object({
  id: z.int(),
  kind: z.string(),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  html: z.string(),
  links: z.array(z.string()),
  createdAt: z.string(),
});

const route = routesTagged("development");
const Clock = json(z.object({ offsetMs: z.int(), now: z.string() }), "The clock");

const mailbox = route("get", "/dev/mailbox", "Emails the development mailbox received, newest first", {
  request: {
    query: z.object({ to: fields.email.optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }),
  },
  responses: { 200: json(z.object({ items: z.array(MailboxItem) }), "The emails"), ...errorsFor(400) },
});

const setClock = route("post", "/dev/clock", "Run the server's clock ahead of real time", {
  request: jsonBody(z.object({ offsetMs: z.int().min(0).max(400 * 24 * 3_600_000) })),
  responses: { 200: Clock, ...errorsFor(400) },
});

const getClock = route("get", "/dev/clock", "The server's clock offset", { responses: { 200: Clock } });

const sweep = route("post", "/dev/sweep", "Run the deadline sweep and the outbox dispatch now; answers when both are done", {
  responses: {
    200: json(
      z.object({ failed: z.int(), sent: z.int(), retried: z.int(), undeliverable: z.int() }),
      "What the sweep and dispatch did",
    ),
  },
});

export const devRoutes = () =>
  router()
    .openapi(mailbox, async (c) => {
      const { to, limit } = c.req.valid("query");
      const rows = await c.get("deps").prisma.mailboxEmail.findMany({
        where: to ? { to: to.toLowerCase() } : {},
        orderBy: { id: "desc" },
        take: limit,
      });
      const items = rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        to: r.to,
        subject: r.subject,
        text: r.text,
        html: r.html,
        links: JSON.parse(r.links) as string[],
        createdAt: r.createdAt.toISOString(),
      }));
      return c.json({ items }, 200);
    })
    .openapi(setClock, (c) => {
      clock.setOffset(c.req.valid("json").offsetMs);
      return c.json({ offsetMs: clock.offsetMs(), now: clock.now().toISOString() }, 200);
    })
    .openapi(getClock, (c) => c.json({ offsetMs: clock.offsetMs(), now: clock.now().toISOString() }, 200))
    .openapi(sweep, async (c) => c.json(await c.get("background").runNow(), 200));
