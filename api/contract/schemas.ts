// Request and response schemas, defined once: the routes validate with them and the OpenAPI
// document is generated from them. Built from the field schemas in fields.ts, which the web app's
// forms use too; this module is the server's (classic zod), and the web imports only its types.
import { z } from "zod";
import { fields, LIMITS } from "./fields.ts";
import { coCreateFields } from "./co-create.ts";
import { CommitmentPayment, paymentWindowHours } from "./payment-schemas.ts";
import { LANGUAGES } from "./lang.ts";

export { fields, LIMITS, proposalIssues } from "./fields.ts";

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
    visibility: fields.visibility,
    softThreshold: fields.softThreshold,
    // co-creation: options and price tiers
    options: coCreateFields.options,
    priceTiers: coCreateFields.priceTiers,
    // paying at the tip: hours each participant has to pay once asked (absent: PAYMENT_WINDOW.defaultHours)
    paymentWindowHours: paymentWindowHours.optional(),
  })
  .strict()
  .meta({ id: "CreateDeal" });
export type CreateDealInput = z.output<typeof CreateDealBody>;

/** An edit: any subset of the proposal's fields, none defaulted (an absent field stays as it is). */
export const UpdateDealBody = z
  .object({
    kind: fields.kind,
    title: fields.title,
    description: fields.description.unwrap(),
    destination: fields.destination,
    departsOn: fields.departsOn,
    returnsOn: fields.returnsOn,
    pricePerSeatCents: fields.pricePerSeatCents,
    currency: fields.currency.unwrap(),
    threshold: fields.threshold,
    capacity: fields.capacity,
    maxSeatsPerCommitment: fields.maxSeatsPerCommitment.unwrap(),
    deadline: fields.deadline,
    visibility: fields.visibility.unwrap(),
    softThreshold: fields.softThreshold,
    // paying at the tip
    paymentWindowHours,
  })
  .partial()
  .strict()
  .meta({ id: "UpdateDeal" });
export type UpdateDealInput = z.output<typeof UpdateDealBody>;

export const GoAheadBody = z
  .object({ message: fields.updateBody.meta({ example: "We fly: the airline holds the slot." }) })
  .strict()
  .meta({ id: "GoAhead" });

export const DealStatus = z.enum(["open", "confirmed", "grace", "failed", "cancelled"]);
export const CommitmentStatus = z.enum([
  "active",
  "waitlisted",
  "withdrawn",
  "released",
  // paying at the tip: the window to pay closed unpaid, and the seats were freed
  "lapsed",
  // safe by default: the initiator removed the participant, and the seats were freed
  "removed",
]);

export const Commitment = z
  .object({
    id: z.string(),
    seats: z.int(),
    status: CommitmentStatus,
    waitlistPosition: z.int().nullable().meta({ description: "1-based, when waitlisted" }),
    createdAt: z.string(),
    optionIds: z.array(z.string()).meta({ description: "The options chosen; empty for a deal without options" }),
    // paying at the tip
    payment: CommitmentPayment.nullable().meta({ description: "Asked once the deal is confirmed and its price final" }),
  })
  .meta({ id: "Commitment" });

// co-creation: options, price tiers and the initiator's record
export const DealOption = z
  .object({
    id: z.string(),
    label: z.string(),
    departsOn: z.string().nullable(),
    returnsOn: z.string().nullable(),
    seatsCommitted: z.int(),
    seatsWaitlisted: z.int(),
  })
  .meta({ id: "DealOption" });
export const PriceTier = z.object({ minSeats: z.int(), pricePerSeatCents: z.int() }).meta({ id: "PriceTier" });
export const InitiatorRecord = z
  .object({ proposed: z.int(), confirmed: z.int(), failed: z.int(), cancelled: z.int() })
  .meta({ id: "InitiatorRecord" });
export const ReviewSummary = z
  .object({
    positive: z.int(),
    neutral: z.int(),
    negative: z.int(),
    positivePercent: z.int().nullable().meta({ description: "Over the last 12 months; null without reviews" }),
  })
  .meta({ id: "ReviewSummary" });

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
    status: DealStatus.meta({
      description: "An open deal past its deadline reads as failed (or grace), and a grace past its end as decided, swept or not",
    }),
    confirmedAt: z.string().nullable(),
    createdAt: z.string(),
    initiator: z.object({ id: z.string(), displayName: z.string(), record: InitiatorRecord, reviews: ReviewSummary }),
    joinable: z.boolean(),
    viewerCommitment: Commitment.nullable(),
    viewerIsInitiator: z.boolean(),
    viewerFollowing: z.boolean().meta({ description: "Whether the viewer follows the deal; false when signed out" }),
    visibility: z.enum(["public", "unlisted"]),
    softThreshold: z.int().nullable(),
    graceEndsAt: z.string().nullable().meta({ description: "When the grace ends: set when the deal enters grace" }),
    goAheadAt: z.string().nullable().meta({ description: "When the initiator went ahead in grace" }),
    termsLocked: z.boolean().meta({ description: "Someone has committed: only the description may change, and the capacity go up" }),
    // co-creation
    options: z.array(DealOption),
    winningOptionId: z.string().nullable(),
    priceTiers: z.array(PriceTier),
    currentPricePerSeatCents: z.int(),
    nextTier: z.object({ minSeats: z.int(), pricePerSeatCents: z.int(), seatsToGo: z.int() }).nullable(),
    // paying at the tip
    paymentWindowHours: z.int().meta({ description: "How long each participant has to pay once asked" }),
    // the first join (issue 16): the waitlist counted apart, and the language the deal speaks
    waitlistCount: z.int().meta({ description: "Participants on the waitlist only; participantCount counts them too" }),
    lang: z.enum(LANGUAGES).meta({ description: "The language it was proposed in: its link preview speaks it" }),
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

export const JoinBody = z.object({ seats: fields.seats, optionIds: coCreateFields.optionIds }).strict();

export const User = z
  .object({
    id: z.string(),
    email: z.string(),
    displayName: z.string(),
    locale: z.string(),
    // sign-in that returns (issue 16): whether the person chose their name; their time zone for emails
    nameChosen: z.boolean(),
    timeZone: z.string().nullable().meta({ example: "Europe/Amsterdam" }),
  })
  .meta({ id: "User" });

export const Participant = z
  .object({
    id: z.string().meta({ description: "The commitment's id (removing a participant names it)" }),
    displayName: z.string(),
    email: z.string(),
    seats: z.int(),
    status: CommitmentStatus,
    createdAt: z.string(),
    // paying at the tip
    payment: CommitmentPayment.nullable(),
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

// Growing the group: updates and following.
export const DealUpdate = z
  .object({ id: z.string(), body: z.string(), createdAt: z.string() })
  .meta({ id: "DealUpdate" });
export type DealUpdateJson = z.output<typeof DealUpdate>;
export const PostUpdateBody = z.object({ body: fields.updateBody }).strict();
export const FollowState = z.object({ following: z.boolean() });

// moderation (issue 15)
export const ReportBody = z.object({ reason: z.string().trim().min(1).max(1000) }).strict().meta({ id: "ReportBody" });

export const ReportItem = z
  .object({
    id: z.string(),
    reason: z.string(),
    createdAt: z.string(),
    reporter: z.object({ id: z.string(), displayName: z.string() }),
    deal: z.object({
      id: z.string(),
      title: z.string(),
      status: DealStatus,
      hiddenAt: z.string().nullable(),
      initiator: z.object({ id: z.string(), displayName: z.string(), blockedAt: z.string().nullable() }),
    }),
  })
  .meta({ id: "Report" });

export const ModerationActionItem = z
  .object({
    id: z.string(),
    action: z.enum(["hide-deal", "block-user"]),
    targetType: z.enum(["deal", "user"]),
    targetId: z.string(),
    /** The deal's title or the user's display name, when it still exists. */
    targetName: z.string().nullable(),
    /** Why, when the action followed from another: "initiator-blocked" (a hide that a block did). */
    note: z.string().nullable(),
    admin: z.object({ id: z.string(), displayName: z.string() }),
    createdAt: z.string(),
  })
  .meta({ id: "ModerationAction" });

export const UserIdParam = z.object({ id: z.string().meta({ example: "u3v9x0q2m1z8a7b6" }) });
