// Request and response schemas, defined once. The routes validate with them, the OpenAPI document
// is generated from them, and the web app's forms import the same field schemas. Plain zod, with
// no server imports, so the browser bundle can use it.
import { z } from "zod";

// In the browser, the app's CSP forbids eval. zod would probe for it with `new Function` when it
// builds an object schema, and the browser reports the refused probe as a CSP violation.
if (typeof window !== "undefined") z.config({ jitless: true });

export const LIMITS = {
  titleMin: 3,
  titleMax: 120,
  descriptionMax: 5000,
  destinationMax: 120,
  displayNameMax: 60,
  emailMax: 254,
  thresholdMax: 100_000,
  seatsPerCommitmentMax: 100,
  priceMaxCents: 100_000_000,
  deadlineMinAheadMs: 10 * 60_000,
  deadlineMaxAheadMs: 366 * 24 * 3_600_000,
  pageMax: 50,
} as const;

const currencies = new Set(Intl.supportedValuesOf("currency"));

const trimmed = (min: number, max: number) => z.string().trim().min(min).max(max);
const isoDate = z.iso.date().meta({ description: "A calendar date, YYYY-MM-DD", example: "2027-05-12" });

export const fields = {
  email: z.email().max(LIMITS.emailMax).meta({ example: "ada@example.com" }),
  displayName: trimmed(1, LIMITS.displayNameMax).meta({ example: "Ada" }),
  kind: z.enum(["trip", "deal"]),
  title: trimmed(LIMITS.titleMin, LIMITS.titleMax).meta({ example: "Charter to Lisbon" }),
  description: z.string().trim().max(LIMITS.descriptionMax).default(""),
  destination: trimmed(1, LIMITS.destinationMax).nullish(),
  departsOn: isoDate.nullish(),
  returnsOn: isoDate.nullish(),
  pricePerSeatCents: z.int().min(0).max(LIMITS.priceMaxCents).meta({ example: 29500 }),
  currency: z
    .string()
    .length(3)
    .toUpperCase()
    .refine((c) => currencies.has(c), "Use an ISO 4217 currency code such as EUR")
    .default("EUR"),
  threshold: z.int().min(1).max(LIMITS.thresholdMax).meta({ example: 99 }),
  capacity: z.int().min(1).max(LIMITS.thresholdMax).nullish().meta({ example: 180 }),
  maxSeatsPerCommitment: z.int().min(1).max(LIMITS.seatsPerCommitmentMax).default(10),
  deadline: z.iso.datetime({ offset: true }).meta({ example: "2027-03-01T12:00:00Z" }),
  seats: z.int().min(1).max(LIMITS.seatsPerCommitmentMax).meta({ example: 2 }),
};

/** Cross-field rules of a proposal. `now` is the server's clock (or the browser's, in forms). */
export function proposalIssues(d: CreateDealInput, now: number): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  const deadline = Date.parse(d.deadline);
  if (deadline < now + LIMITS.deadlineMinAheadMs)
    issues.push({ path: "deadline", message: "The deadline must be at least 10 minutes ahead" });
  if (deadline > now + LIMITS.deadlineMaxAheadMs)
    issues.push({ path: "deadline", message: "The deadline must be at most 366 days ahead" });
  if (d.capacity != null && d.capacity < d.threshold)
    issues.push({ path: "capacity", message: "The capacity must be at least the threshold" });
  if (d.capacity != null && d.maxSeatsPerCommitment > d.capacity)
    issues.push({ path: "maxSeatsPerCommitment", message: "Seats per commitment cannot exceed the capacity" });
  if (d.departsOn && d.returnsOn && d.returnsOn < d.departsOn)
    issues.push({ path: "returnsOn", message: "The return date must not be before the departure date" });
  if (d.returnsOn && !d.departsOn) issues.push({ path: "departsOn", message: "Give a departure date too" });
  if (d.departsOn && d.departsOn < d.deadline.slice(0, 10))
    issues.push({ path: "departsOn", message: "The departure must not be before the deadline" });
  return issues;
}

export const CreateDealBody = z
  .object({
    kind: fields.kind.default("deal"),
    title: fields.title,
    description: fields.description,
    destination: fields.destination,
    departsOn: fields.departsOn,
    returnsOn: fields.returnsOn,
    pricePerSeatCents: fields.pricePerSeatCents,
    currency: fields.currency,
    threshold: fields.threshold,
    capacity: fields.capacity,
    maxSeatsPerCommitment: fields.maxSeatsPerCommitment,
    deadline: fields.deadline,
  })
  .strict()
  .meta({ id: "CreateDeal" });
export type CreateDealInput = z.output<typeof CreateDealBody>;

export const DealStatus = z.enum(["open", "confirmed", "failed", "cancelled"]);
export const CommitmentStatus = z.enum(["active", "waitlisted", "withdrawn"]);

export const Commitment = z
  .object({
    id: z.string(),
    seats: z.int(),
    status: CommitmentStatus,
    waitlistPosition: z.int().nullable().meta({ description: "1-based, when waitlisted" }),
    createdAt: z.string(),
  })
  .meta({ id: "Commitment" });

export const Deal = z
  .object({
    id: z.string(),
    kind: fields.kind,
    title: z.string(),
    description: z.string(),
    destination: z.string().nullable(),
    departsOn: z.string().nullable(),
    returnsOn: z.string().nullable(),
    pricePerSeatCents: z.int(),
    currency: z.string(),
    threshold: z.int(),
    capacity: z.int().nullable(),
    maxSeatsPerCommitment: z.int(),
    seatsCommitted: z.int(),
    seatsWaitlisted: z.int(),
    participantCount: z.int(),
    deadline: z.string(),
    status: DealStatus.meta({ description: "An open deal past its deadline reads as failed, swept or not" }),
    confirmedAt: z.string().nullable(),
    createdAt: z.string(),
    initiator: z.object({ displayName: z.string() }),
    joinable: z.boolean(),
    viewerCommitment: Commitment.nullable(),
    viewerIsInitiator: z.boolean(),
  })
  .meta({ id: "Deal" });
export type DealJson = z.output<typeof Deal>;

export const DealIdParam = z.object({ id: z.string().meta({ example: "k3v9x0q2m1z8a7b6" }) });

export const ListDealsQuery = z.object({
  status: DealStatus.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(LIMITS.pageMax).default(20),
});

export const DealList = z.object({ items: z.array(Deal), nextCursor: z.string().nullable() }).meta({ id: "DealList" });

export const JoinBody = z.object({ seats: fields.seats }).strict();

export const User = z
  .object({ id: z.string(), email: z.string(), displayName: z.string(), locale: z.string() })
  .meta({ id: "User" });

export const Participant = z
  .object({
    displayName: z.string(),
    email: z.string(),
    seats: z.int(),
    status: CommitmentStatus,
    createdAt: z.string(),
  })
  .meta({ id: "Participant" });

export const MyCommitment = Commitment.extend({ deal: Deal }).meta({ id: "MyCommitment" });

export const ErrorBody = z
  .object({
    error: z.object({
      code: z.string().meta({ example: "DEAL_FULL" }),
      message: z.string(),
      issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    }),
  })
  .meta({ id: "Error" });

export const Locale = z.enum(["en", "nl", "de"]);
