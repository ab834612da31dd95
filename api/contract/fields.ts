// The field schemas and limits, defined once. The API's request schemas (schemas.ts) are built
// from them, the OpenAPI document is generated from those, and the web app's forms validate with
// these same schemas. They are written in the functional style that zod and zod/mini share
// (`z.string().check(z.maxLength(n))`, `z.nullish(s)`, `z._default(s, v)`), never with a method
// only classic zod has: the server runs them with zod, and the web build resolves "zod" to
// "zod/mini" (web/vite.config.ts), so the browser loads only the checks these fields use.
import * as z from "zod";
import type { CreateDealInput } from "./schemas.ts";

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
  // growing the group: updates
  updateMax: 5000,
} as const;

/** The currencies a deal may be priced in: every ISO 4217 code this runtime knows. */
export const currencies: ReadonlySet<string> = new Set(Intl.supportedValuesOf("currency"));

// Control characters hide text and break lines where none should be; bidirectional overrides
// (U+202A–U+202E, U+2066–U+2069) make text read differently from what it says ("Trojan Source").
// Single-line text refuses both; multi-line text (descriptions, updates, comments) keeps its
// line breaks. Tab counts as a control character.
// oxlint-disable-next-line no-control-regex -- finding them is the point
const CONTROL_OR_BIDI = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;
// oxlint-disable-next-line no-control-regex -- finding them is the point
const CONTROL_OR_BIDI_BUT_LINE_BREAKS = /[\u0000-\u0009\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;
const CLEAN_TEXT_MESSAGE = "Remove control characters and text-direction overrides (such as U+202E) from the text";

/** The refinement every single-line text field carries (exported for fields defined elsewhere). */
const singleLineText = z.refine<string>((s) => !CONTROL_OR_BIDI.test(s), CLEAN_TEXT_MESSAGE);
/** The same for multi-line text: line breaks (\n, \r) are allowed. */
const multiLineText = z.refine<string>((s) => !CONTROL_OR_BIDI_BUT_LINE_BREAKS.test(s), CLEAN_TEXT_MESSAGE);

const trimmed = (min: number, max: number) =>
  z.string().check(z.trim(), z.minLength(min), z.maxLength(max), singleLineText);
/** Plain text that may run over several lines (an update, a message, a comment). */
const trimmedLines = (min: number, max: number) =>
  z.string().check(z.trim(), z.minLength(min), z.maxLength(max), multiLineText);
const count = (max: number) => z.int().check(z.gte(1), z.lte(max));
const isoDate = z.iso.date().check(z.meta({ description: "A calendar date, YYYY-MM-DD", example: "2027-05-12" }));

export const fields = {
  email: z.email().check(z.maxLength(LIMITS.emailMax), z.meta({ example: "ada@example.com" })),
  displayName: trimmed(1, LIMITS.displayNameMax).check(z.meta({ example: "Ada" })),
  kind: z.enum(["trip", "deal"]),
  title: trimmed(LIMITS.titleMin, LIMITS.titleMax).check(z.meta({ example: "Charter to Lisbon" })),
  description: z._default(z.string().check(z.trim(), z.maxLength(LIMITS.descriptionMax), multiLineText), ""),
  destination: z.nullish(trimmed(1, LIMITS.destinationMax)),
  departsOn: z.nullish(isoDate),
  returnsOn: z.nullish(isoDate),
  pricePerSeatCents: z.int().check(z.gte(0), z.lte(LIMITS.priceMaxCents), z.meta({ example: 29500 })),
  currency: z._default(
    z.string().check(
      z.length(3),
      singleLineText,
      z.toUpperCase(),
      z.refine((c) => currencies.has(c), "Use an ISO 4217 currency code such as EUR"),
    ),
    "EUR",
  ),
  threshold: count(LIMITS.thresholdMax).check(z.meta({ example: 99 })),
  capacity: z.nullish(count(LIMITS.thresholdMax)).check(z.meta({ example: 180 })),
  maxSeatsPerCommitment: z._default(count(LIMITS.seatsPerCommitmentMax), 10),
  deadline: z.iso.datetime({ offset: true }).check(z.meta({ example: "2027-03-01T12:00:00Z" })),
  seats: count(LIMITS.seatsPerCommitmentMax).check(z.meta({ example: 2 })),
  // growing the group: an update is plain text; line breaks are kept
  updateBody: trimmedLines(1, LIMITS.updateMax).check(z.meta({ example: "The airline confirmed the slot." })),
  // Growing the group: who can find the deal, and the voordekunst rule
  visibility: z._default(z.enum(["public", "unlisted"]), "public"),
  softThreshold: z.nullish(count(LIMITS.thresholdMax)).check(z.meta({ example: 85 })),
};

/** The fields the cross-field rules read; in a form, a field not yet valid is left out (undefined). */
export type ProposalFacts = Partial<
  Pick<CreateDealInput, "deadline" | "threshold" | "capacity" | "maxSeatsPerCommitment" | "departsOn" | "returnsOn" | "softThreshold">
>;

/**
 * Cross-field rules of a proposal. `now` is the server's clock (or the browser's, in forms). A rule
 * whose fields are not all known is not checked, so a form can show these next to the single-field
 * errors of the others.
 */
export function proposalIssues(d: ProposalFacts, now: number): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  const deadline = d.deadline ? Date.parse(d.deadline) : Number.NaN;
  if (deadline < now + LIMITS.deadlineMinAheadMs)
    issues.push({ path: "deadline", message: "The deadline must be at least 10 minutes ahead" });
  if (deadline > now + LIMITS.deadlineMaxAheadMs)
    issues.push({ path: "deadline", message: "The deadline must be at most 366 days ahead" });
  if (d.capacity != null && d.threshold != null && d.capacity < d.threshold)
    issues.push({ path: "capacity", message: "The capacity must be at least the threshold" });
  if (d.capacity != null && d.maxSeatsPerCommitment != null && d.maxSeatsPerCommitment > d.capacity)
    issues.push({ path: "maxSeatsPerCommitment", message: "Seats per commitment cannot exceed the capacity" });
  if (d.departsOn && d.returnsOn && d.returnsOn < d.departsOn)
    issues.push({ path: "returnsOn", message: "The return date must not be before the departure date" });
  if (d.returnsOn && !d.departsOn) issues.push({ path: "departsOn", message: "Give a departure date too" });
  if (d.departsOn && d.deadline && d.departsOn < d.deadline.slice(0, 10))
    issues.push({ path: "departsOn", message: "The departure must not be before the deadline" });
  if (
    d.softThreshold != null &&
    d.threshold != null &&
    (d.softThreshold < Math.ceil(d.threshold / 2) || d.softThreshold >= d.threshold)
  )
    issues.push({ path: "softThreshold", message: "The soft threshold must be at least half the threshold and below it" });
  return issues;
}
