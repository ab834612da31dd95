// The propose form's model: the raw input strings, their conversion to the API's CreateDeal body,
// and validation with the API's own field schemas and cross-field rules (api/contract/fields.ts).
import { fields, LIMITS, proposalIssues, type ProposalFacts } from "../../../../api/contract/fields.ts";
import { moneyInputText, parseMoneyInput } from "../../../../api/contract/money-input.ts";
import type { CreateDealInput } from "../../../../api/contract/schemas.ts";
import type { Deal } from "../../api.ts";
import { lang, t, type MessageKey } from "../../i18n/index.ts";
import { formatPrice } from "../../format.ts";
import { check } from "../../validation.ts";

export interface ProposalForm {
  kind: "trip" | "deal";
  title: string;
  description: string;
  destination: string;
  departsOn: string;
  returnsOn: string;
  price: string;
  currency: string;
  threshold: string;
  capacity: string;
  maxSeatsPerCommitment: string;
  /** A datetime-local value, in the browser's time zone. */
  deadline: string;
  visibility: "public" | "unlisted";
  softThreshold: string;
}

export type FieldName = Exclude<keyof ProposalForm, "price"> | "pricePerSeatCents";

/** The value for a datetime-local input, in the browser's time zone. */
export function toLocalInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A datetime-local value read in the browser's time zone, as an ISO instant; null when invalid. */
export function fromLocalInput(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** The deadline as an instant, only while it is one the API would take: a card never "ends 2 years ago". */
export function previewDeadline(value: string, now = Date.now()): string | null {
  const iso = fromLocalInput(value);
  if (!iso) return null;
  const at = Date.parse(iso);
  return at >= now + LIMITS.deadlineMinAheadMs && at <= now + LIMITS.deadlineMaxAheadMs ? iso : null;
}

export function emptyForm(now = new Date()): ProposalForm {
  const deadline = new Date(now.getTime() + 14 * 86_400_000);
  deadline.setMinutes(0, 0, 0);
  deadline.setHours(18);
  return {
    kind: "trip",
    title: "",
    description: "",
    destination: "",
    departsOn: "",
    returnsOn: "",
    price: "",
    currency: "EUR",
    threshold: "",
    capacity: "",
    maxSeatsPerCommitment: "10",
    deadline: toLocalInput(deadline),
    visibility: "public",
    softThreshold: "",
  };
}

/** An amount as typed ("295", "29,50", "€ 1.250,00") in minor units of the currency; undefined when empty, NaN when unreadable. */
export function parsePrice(text: string, currency: string): number | undefined {
  const read = parseMoneyInput(text, currency, lang());
  return read.ok ? read.cents : read.error === "empty" ? undefined : Number.NaN;
}

/** Why an amount as typed is refused, in words; null when it reads (or is empty: that is the schema's to say). */
function priceProblem(text: string, currency: string): string | null {
  const read = parseMoneyInput(text, currency, lang());
  if (read.ok || read.error === "empty") return null;
  if (read.error !== "ambiguous") return t("validation.price");
  const [a, b] = read.readings.map((c) => formatPrice(c, currency));
  return t("validation.priceAmbiguous", { text: text.trim(), a: a!, b: b! });
}

const int = (s: string): number | undefined => (s.trim() === "" ? undefined : Number(s));
const optional = (s: string): string | null => (s.trim() === "" ? null : s);

/** The body for POST /api/deals, as far as the raw input allows. */
function toInput(f: ProposalForm): Record<FieldName, unknown> {
  const isTrip = f.kind === "trip";
  return {
    kind: f.kind,
    title: f.title,
    description: f.description,
    destination: isTrip ? optional(f.destination) : null,
    departsOn: isTrip ? optional(f.departsOn) : null,
    returnsOn: isTrip ? optional(f.returnsOn) : null,
    pricePerSeatCents: parsePrice(f.price, f.currency.trim().toUpperCase() || "EUR"),
    currency: f.currency.trim(),
    threshold: int(f.threshold),
    capacity: f.capacity.trim() === "" ? null : Number(f.capacity),
    maxSeatsPerCommitment: int(f.maxSeatsPerCommitment),
    deadline: fromLocalInput(f.deadline) ?? f.deadline,
    visibility: f.visibility,
    softThreshold: f.softThreshold.trim() === "" ? null : Number(f.softThreshold),
  };
}

const crossFieldKey = (path: string, d: ProposalFacts, now: number): MessageKey => {
  switch (path) {
    case "deadline":
      return Date.parse(d.deadline ?? "") < now + LIMITS.deadlineMinAheadMs ? "validation.deadlineTooSoon" : "validation.deadlineTooLate";
    case "capacity":
      return "validation.capacityBelowThreshold";
    case "maxSeatsPerCommitment":
      return "validation.maxSeatsOverCapacity";
    case "returnsOn":
      return "validation.returnBeforeDeparture";
    case "softThreshold":
      return "validation.softThreshold";
    case "departsOn":
      return d.returnsOn && !d.departsOn ? "validation.departureNeeded" : "validation.departureBeforeDeadline";
    default:
      return "validation.invalid";
  }
};

interface Validated {
  errors: Partial<Record<FieldName, string>>;
  /** The body to send, when there are no errors. */
  body: CreateDealInput | null;
}

/** The fields each cross-field rule reads, by the path it reports: its error shows when one changed. */
export const RULE_READS: Partial<Record<FieldName, FieldName[]>> = {
  capacity: ["capacity", "threshold"],
  maxSeatsPerCommitment: ["maxSeatsPerCommitment", "capacity"],
  returnsOn: ["departsOn", "returnsOn"],
  departsOn: ["departsOn", "returnsOn", "deadline"],
  softThreshold: ["softThreshold", "threshold"],
  pricePerSeatCents: ["pricePerSeatCents", "currency"],
};

/**
 * Every field through its API schema, and the API's cross-field rules on the fields that are
 * valid, all at once (a rule that reads a field with an error of its own waits for it); messages
 * in the interface language.
 */
export function validateProposal(f: ProposalForm, now = Date.now()): Validated {
  const input = toInput(f);
  const errors: Partial<Record<FieldName, string>> = {};
  const currency = fields.currency.safeParse(input.currency);
  const money = (n: number) => formatPrice(n, currency.success ? currency.data : "EUR");
  const put = (name: FieldName, message: string | null) => {
    if (message) errors[name] = message;
  };
  put("kind", check(fields.kind, input.kind));
  put("title", check(fields.title, input.title));
  put("description", check(fields.description, input.description));
  put("destination", check(fields.destination, input.destination));
  put("departsOn", check(fields.departsOn, input.departsOn));
  put("returnsOn", check(fields.returnsOn, input.returnsOn));
  put(
    "pricePerSeatCents",
    priceProblem(f.price, currency.success ? currency.data : "EUR") ?? check(fields.pricePerSeatCents, input.pricePerSeatCents, money),
  );
  put("currency", currency.success ? null : input.currency === "" ? t("validation.required") : t("validation.currency"));
  put("threshold", check(fields.threshold, input.threshold));
  put("capacity", check(fields.capacity, input.capacity));
  put("maxSeatsPerCommitment", check(fields.maxSeatsPerCommitment, input.maxSeatsPerCommitment));
  put("deadline", fromLocalInput(f.deadline) ? check(fields.deadline, input.deadline) : t("validation.date"));
  put("softThreshold", check(fields.softThreshold, input.softThreshold));

  // Each field's value when it is valid, else unknown: the rules reading it wait.
  const known = <K extends keyof ProposalFacts>(name: K) =>
    errors[name] ? undefined : (fields[name].parse(input[name]) as ProposalFacts[K]);
  const facts: ProposalFacts = {
    deadline: known("deadline"),
    threshold: known("threshold"),
    capacity: known("capacity"),
    maxSeatsPerCommitment: known("maxSeatsPerCommitment"),
    departsOn: known("departsOn"),
    returnsOn: known("returnsOn"),
    softThreshold: known("softThreshold"),
  };
  const single = new Set(Object.keys(errors) as FieldName[]);
  for (const issue of proposalIssues(facts, now)) {
    const path = issue.path as FieldName;
    if ((RULE_READS[path] ?? [path]).some((k) => single.has(k))) continue;
    errors[path] ??= t(crossFieldKey(issue.path, facts, now));
  }
  if (Object.keys(errors).length) return { errors, body: null };

  const body: CreateDealInput = {
    kind: f.kind,
    title: fields.title.parse(input.title),
    description: fields.description.parse(input.description),
    destination: fields.destination.parse(input.destination) ?? null,
    departsOn: fields.departsOn.parse(input.departsOn) ?? null,
    returnsOn: fields.returnsOn.parse(input.returnsOn) ?? null,
    pricePerSeatCents: fields.pricePerSeatCents.parse(input.pricePerSeatCents),
    currency: fields.currency.parse(input.currency),
    threshold: fields.threshold.parse(input.threshold),
    capacity: fields.capacity.parse(input.capacity) ?? null,
    maxSeatsPerCommitment: fields.maxSeatsPerCommitment.parse(input.maxSeatsPerCommitment),
    deadline: fields.deadline.parse(input.deadline),
    visibility: f.visibility,
    softThreshold: fields.softThreshold.parse(input.softThreshold) ?? null,
  };
  return { errors, body };
}

/** The fields as far as they are valid (for the co-creation rules, which also run before all are). */
export function knownFacts(f: ProposalForm): Partial<CreateDealInput> {
  const input = toInput(f);
  const out: Record<string, unknown> = { kind: f.kind };
  for (const name of ["pricePerSeatCents", "currency", "threshold", "capacity", "deadline"] as const) {
    const r = fields[name].safeParse(input[name]);
    if (r.success) out[name] = r.data;
  }
  return out as Partial<CreateDealInput>;
}

/** The form of an existing deal, for editing it. */
export function formOf(d: Deal): ProposalForm {
  const price = moneyInputText(d.pricePerSeatCents, d.currency, lang());
  return {
    kind: d.kind,
    title: d.title,
    description: d.description,
    destination: d.destination ?? "",
    departsOn: d.departsOn ?? "",
    returnsOn: d.returnsOn ?? "",
    price,
    currency: d.currency,
    threshold: String(d.threshold),
    capacity: d.capacity == null ? "" : String(d.capacity),
    maxSeatsPerCommitment: String(d.maxSeatsPerCommitment),
    deadline: toLocalInput(new Date(d.deadline)),
    visibility: d.visibility,
    softThreshold: d.softThreshold == null ? "" : String(d.softThreshold),
  };
}

/** The fields an edit changes, by the form's raw values. */
export function changedFields(f: ProposalForm, initial: ProposalForm): FieldName[] {
  const names = (Object.keys(f) as (keyof ProposalForm)[]).filter((k) => f[k] !== initial[k]);
  const changed = new Set<FieldName>(names.map((k) => (k === "price" ? "pricePerSeatCents" : k)));
  // A deal that stops being a trip loses its destination and dates.
  if (changed.has("kind")) for (const k of ["destination", "departsOn", "returnsOn"] as const) changed.add(k);
  return [...changed];
}

/** An edit: only the changed fields are checked (an old deadline that is now near stays valid) and sent. */
export function validateEdit(f: ProposalForm, initial: ProposalForm, now = Date.now()): { errors: Validated["errors"]; body: Partial<CreateDealInput> | null } {
  const changed = changedFields(f, initial);
  const all = validateProposal(f, now);
  const errors: Validated["errors"] = {};
  for (const [name, message] of Object.entries(all.errors) as [FieldName, string][]) {
    if ((RULE_READS[name] ?? [name]).some((k) => changed.includes(k))) errors[name] = message;
  }
  if (Object.keys(errors).length) return { errors, body: null };
  const input = toInput(f);
  const body: Record<string, unknown> = {};
  for (const k of changed) {
    const schema = k === "kind" || k === "visibility" ? null : fields[k];
    body[k] = schema ? schema.parse(input[k]) ?? null : input[k];
  }
  return { errors, body: body as Partial<CreateDealInput> };
}

/** Server-side issues (paths from the API) mapped onto the form's fields, in words. */
export function serverIssues(issues: { path: string }[], body: CreateDealInput, now = Date.now()): Partial<Record<FieldName, string>> {
  const crossField = new Set(["deadline", "capacity", "maxSeatsPerCommitment", "returnsOn", "departsOn", "softThreshold"]);
  const known = new Set<string>([...crossField, "kind", "title", "description", "destination", "pricePerSeatCents", "currency", "threshold"]);
  const errors: Partial<Record<FieldName, string>> = {};
  for (const { path } of issues) {
    if (!known.has(path)) continue;
    errors[path as FieldName] ??= crossField.has(path) ? t(crossFieldKey(path, body, now)) : t("validation.invalid");
  }
  return errors;
}
