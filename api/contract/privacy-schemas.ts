// The privacy part of the contract: the shape of `GET /api/me/export`, everything Quorum holds
// about the person asking (and nothing about anyone else). The retention periods are in retention.ts.
import { z } from "zod";
import { Deal } from "./schemas.ts";

const time = z.string().meta({ description: "ISO 8601, UTC" });
const maybeTime = time.nullable();

const ExportPayment = z.object({
  status: z.string(),
  amountCents: z.int(),
  currency: z.string(),
  dueAt: time,
  paidAt: maybeTime,
  createdAt: time,
});

export const MyDataExport = z
  .object({
    exportedAt: time,
    user: z.object({
      id: z.string(),
      email: z.string(),
      displayName: z.string(),
      nameChosenAt: maybeTime,
      locale: z.string(),
      timeZone: z.string().nullable(),
      createdAt: time,
      blockedAt: maybeTime,
    }),
    commitments: z.array(
      z.object({
        id: z.string(),
        deal: z.object({ id: z.string(), title: z.string(), status: z.string() }),
        seats: z.int(),
        status: z.string(),
        position: z.int(),
        options: z.array(z.object({ label: z.string(), status: z.string() })),
        createdAt: time,
        updatedAt: time,
        promotedAt: maybeTime,
        payment: ExportPayment.nullable(),
      }),
    ),
    dealsProposed: z.array(
      // The deal's own terms, as the deal's schema has them; then what the export adds.
      Deal.pick({
        id: true,
        title: true,
        description: true,
        destination: true,
        departsOn: true,
        returnsOn: true,
        pricePerSeatCents: true,
        currency: true,
        threshold: true,
        capacity: true,
      }).extend({
        kind: z.string(),
        status: z.string(),
        visibility: z.string(),
        deadline: time,
        createdAt: time,
        confirmedAt: maybeTime,
        closedAt: maybeTime,
        updates: z.array(z.object({ id: z.string(), body: z.string(), createdAt: time })),
      }),
    ),
    follows: z.array(z.object({ deal: z.object({ id: z.string(), title: z.string() }), createdAt: time })),
    reviewsWritten: z.array(
      z.object({ id: z.string(), dealId: z.string(), rating: z.string(), comment: z.string().nullable(), createdAt: time }),
    ),
    reviewsReceived: z.array(
      z.object({ id: z.string(), dealId: z.string(), rating: z.string(), comment: z.string().nullable(), createdAt: time }),
    ),
    reportsFiled: z.array(z.object({ id: z.string(), dealId: z.string(), reason: z.string(), createdAt: time })),
    sessions: z.array(
      z.object({ createdAt: time, expiresAt: time, current: z.boolean() }).meta({ description: "Never the token; no last-seen time is kept" }),
    ),
    notifications: z.array(
      z.object({
        kind: z.string(),
        dealId: z.string().nullable(),
        state: z.string(),
        createdAt: time,
        sentAt: maybeTime,
        payload: z.record(z.string(), z.unknown()).nullable().meta({
          description: "What the email was made from; null for sign-in links (the link is a secret) and once purged",
        }),
      }),
    ),
    signInLinks: z.array(
      z.object({ createdAt: time, expiresAt: time, usedAt: maybeTime }).meta({ description: "Links asked for this address; never the token" }),
    ),
    signInLimits: z.array(z.object({ windowStart: time, count: z.int(), expiresAt: time })),
    moderation: z.array(z.object({ action: z.string(), note: z.string().nullable(), createdAt: time })),
  })
  .meta({ id: "MyDataExport" });
export type MyDataExportJson = z.output<typeof MyDataExport>;
