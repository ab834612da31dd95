// The propose form's validation: the API's own field schemas and cross-field rules, with every
// message in the interface language, and the conversion of what people type into the API body.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { en } from "../../api/contract/i18n/en.ts";
import { nl } from "../../api/contract/i18n/nl.ts";
import { useCatalogue } from "../../web/src/i18n/index.ts";
import { coCreateFields } from "../../web/src/pages/propose/coCreate.ts";
import { emptyForm, fromLocalInput, knownFacts, parsePrice, previewDeadline, serverIssues, toLocalInput, validateProposal, type ProposalForm } from "../../web/src/pages/propose/proposal.ts";
import { CreateDealBody } from "../../api/contract/schemas.ts";
import { de } from "../../api/contract/i18n/de.ts";

const NOW = Date.parse("2027-01-10T12:00:00Z");
const valid = (over: Partial<ProposalForm> = {}): ProposalForm => ({
  ...emptyForm(new Date(NOW)),
  title: "Charter to Lisbon",
  description: "Four days in May.",
  destination: "Lisbon",
  departsOn: "2027-05-12",
  returnsOn: "2027-05-16",
  price: "149,50",
  currency: "eur",
  threshold: "2",
  capacity: "3",
  maxSeatsPerCommitment: "2",
  deadline: toLocalInput(new Date(NOW + 7 * 86_400_000)),
  ...over,
});

describe("the propose form", () => {
  const tz = process.env.TZ;
  beforeEach(() => useCatalogue("en", en));
  afterEach(() => {
    process.env.TZ = tz;
  });

  it("turns what people type into a body the API schema accepts", () => {
    const { errors, body } = validateProposal(valid(), NOW);
    expect(errors).toEqual({});
    expect(body).toMatchObject({ pricePerSeatCents: 14950, currency: "EUR", threshold: 2, capacity: 3, maxSeatsPerCommitment: 2 });
    expect(CreateDealBody.safeParse(body).success).toBe(true);
  });

  it("drops the travel fields of a plain deal, and leaves an empty capacity unlimited", () => {
    const { body } = validateProposal(valid({ kind: "deal", capacity: "" }), NOW);
    expect(body).toMatchObject({ kind: "deal", destination: null, departsOn: null, returnsOn: null, capacity: null });
  });

  it("puts each field's error next to it, in words", () => {
    const { errors, body } = validateProposal(
      valid({ title: "ab", threshold: "", price: "12.345", currency: "XYZ", maxSeatsPerCommitment: "1.5", capacity: "0" }),
      NOW,
    );
    expect(body).toBeNull();
    expect(errors).toEqual({
      title: "Use at least 3 characters.",
      threshold: "This field is required.",
      pricePerSeatCents: "Enter an amount, such as 295 or 29.50.",
      currency: "Use a currency code such as EUR.",
      maxSeatsPerCommitment: "Use a whole number.",
      capacity: "Must be at least 1.",
    });
  });

  it("shows a price limit as a price", () => {
    expect(validateProposal(valid({ price: "2000000" }), NOW).errors.pricePerSeatCents).toBe("Must be at most €1,000,000.00.");
  });

  it("applies the API's cross-field rules, each with its own message", () => {
    const soon = toLocalInput(new Date(NOW + 5 * 60_000));
    const late = toLocalInput(new Date(NOW + 400 * 86_400_000));
    expect(validateProposal(valid({ deadline: soon }), NOW).errors.deadline).toBe(en["validation.deadlineTooSoon"]);
    expect(validateProposal(valid({ deadline: late, departsOn: "", returnsOn: "" }), NOW).errors.deadline).toBe(
      en["validation.deadlineTooLate"],
    );
    expect(validateProposal(valid({ threshold: "5", capacity: "3" }), NOW).errors.capacity).toBe(en["validation.capacityBelowThreshold"]);
    expect(validateProposal(valid({ maxSeatsPerCommitment: "4" }), NOW).errors.maxSeatsPerCommitment).toBe(
      en["validation.maxSeatsOverCapacity"],
    );
    expect(validateProposal(valid({ returnsOn: "2027-05-01" }), NOW).errors.returnsOn).toBe(en["validation.returnBeforeDeparture"]);
    expect(validateProposal(valid({ departsOn: "" }), NOW).errors.departsOn).toBe(en["validation.departureNeeded"]);
    expect(validateProposal(valid({ departsOn: "2027-01-12", returnsOn: "" }), NOW).errors.departsOn).toBe(
      en["validation.departureBeforeDeadline"],
    );
  });

  it("speaks the interface language", () => {
    useCatalogue("nl", nl);
    const { errors } = validateProposal(valid({ title: "", capacity: "1" }), NOW);
    expect(errors.title).toBe(nl["validation.required"]);
    expect(validateProposal(valid({ threshold: "5" }), NOW).errors.capacity).toBe(nl["validation.capacityBelowThreshold"]);
    expect(validateProposal(valid({ price: "2000000" }), NOW).errors.pricePerSeatCents).toMatch(/^Mag hoogstens €\s1\.000\.000,00 zijn\.$/);
  });

  it("maps the server's issues onto the fields", () => {
    const { body } = validateProposal(valid(), NOW);
    expect(serverIssues([{ path: "deadline" }, { path: "title" }, { path: "(body)" }], body!, NOW + 7 * 86_400_000)).toEqual({
      deadline: en["validation.deadlineTooSoon"],
      title: en["validation.invalid"],
    });
  });

  it("reads prices in the currency's minor units", () => {
    expect(parsePrice("295", "EUR")).toBe(29_500);
    expect(parsePrice(" 29.5 ", "EUR")).toBe(2_950);
    expect(parsePrice("1 500", "JPY")).toBe(1_500);
    expect(parsePrice("15.5", "JPY")).toBeNaN();
    expect(parsePrice("", "EUR")).toBeUndefined();
    expect(parsePrice("-3", "EUR")).toBeNaN();
  });

  it("reads the deadline in the browser's time zone", () => {
    process.env.TZ = "America/New_York";
    expect(fromLocalInput("2027-03-01T12:00")).toBe("2027-03-01T17:00:00.000Z");
    process.env.TZ = "Europe/Amsterdam";
    expect(fromLocalInput("2027-07-01T12:00")).toBe("2027-07-01T10:00:00.000Z");
    expect(toLocalInput(new Date("2027-07-01T10:00:00.000Z"))).toBe("2027-07-01T12:00");
    expect(fromLocalInput("tomorrow")).toBeNull();
  });

  it("gives the single-field and the cross-field errors at once", () => {
    const past = toLocalInput(new Date(NOW - 2 * 365 * 86_400_000));
    const { errors, body } = validateProposal(valid({ title: "", threshold: "5", capacity: "3", deadline: past, departsOn: "", returnsOn: "" }), NOW);
    expect(body).toBeNull();
    expect(errors).toEqual({
      title: en["validation.required"],
      capacity: en["validation.capacityBelowThreshold"],
      deadline: en["validation.deadlineTooSoon"],
    });
  });

  it("waits with a rule whose field has an error of its own", () => {
    // The threshold is not a number: "the maximum below the threshold" can't be said yet.
    const { errors } = validateProposal(valid({ threshold: "x", capacity: "3" }), NOW);
    expect(errors).toEqual({ threshold: en["validation.number"] });
  });

  it("reads money the way the interface language writes it", () => {
    useCatalogue("nl", nl);
    expect(validateProposal(valid({ price: "€ 1.250,00" }), NOW).body?.pricePerSeatCents).toBe(125_000);
    expect(validateProposal(valid({ price: "12,50" }), NOW).body?.pricePerSeatCents).toBe(1250);
    useCatalogue("de", de);
    expect(validateProposal(valid({ price: "1.250" }), NOW).body?.pricePerSeatCents).toBe(125_000);
    useCatalogue("en", en);
    expect(validateProposal(valid({ price: "1,250.00" }), NOW).body?.pricePerSeatCents).toBe(125_000);
    expect(validateProposal(valid({ price: "12,50" }), NOW).body?.pricePerSeatCents).toBe(1250);
    const ambiguous = validateProposal(valid({ price: "1,250", currency: "KWD" }), NOW).errors.pricePerSeatCents;
    expect(ambiguous).toContain("“1,250” could mean");
    expect(ambiguous).toMatch(/KWD\s?1,250\.000.*KWD\s?1\.250/);
  });

  it("previews only a deadline the API would take", () => {
    expect(previewDeadline(toLocalInput(new Date(NOW - 2 * 365 * 86_400_000)), NOW)).toBeNull();
    expect(previewDeadline(toLocalInput(new Date(NOW + 500 * 86_400_000)), NOW)).toBeNull();
    expect(previewDeadline("0002-01-01T10:00", NOW)).toBeNull();
    expect(previewDeadline(toLocalInput(new Date(NOW + 86_400_000)), NOW)).not.toBeNull();
  });

  it("checks options and price tiers on the fields valid so far, so their errors come with the others", () => {
    // The title is missing, yet the tier that costs more than the base price is told at once.
    const f = valid({ title: "", price: "100" });
    expect(validateProposal(f, NOW).body).toBeNull();
    const { extra, errors } = coCreateFields(knownFacts(f), [], [{ minSeats: "3", price: "120" }]);
    expect(extra).toBeNull();
    expect(errors).toEqual([en["cocreate.tierPrice"]]);
    // A base price not yet valid: the rule that compares with it waits.
    expect(coCreateFields(knownFacts(valid({ price: "x" })), [], [{ minSeats: "3", price: "120" }]).errors).toEqual([]);
  });
});
