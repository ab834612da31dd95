// The propose form's co-creation model: options ("let the group choose") and price tiers as raw
// input rows, turned into the API's fields and checked with the contract's own rules.
import { coCreateIssues, CO_LIMITS } from "../../../../api/contract/co-create-rules.ts";
import type { CreateDealInput } from "../../../../api/contract/schemas.ts";
import { t, type MessageKey } from "../../i18n/index.ts";
import { parsePrice } from "./proposal.ts";

export interface OptionRow {
  label: string;
  departsOn: string;
  returnsOn: string;
}
export interface TierRow {
  minSeats: string;
  price: string;
}

export const emptyOption = (): OptionRow => ({ label: "", departsOn: "", returnsOn: "" });
export const emptyTier = (): TierRow => ({ minSeats: "", price: "" });

type Extra = Pick<CreateDealInput, "options" | "priceTiers">;

const issueKey = (path: string): MessageKey =>
  path === "options"
    ? "cocreate.optionsDistinct"
    : path.startsWith("options.")
      ? "cocreate.optionDates"
      : path.endsWith("minSeats")
        ? "cocreate.tierSeats"
        : "cocreate.tierPrice";

/** The options and tiers to send with `base` (its fields as far as they are valid), or the messages that say what to fix. */
export function coCreateFields(base: Partial<CreateDealInput>, options: OptionRow[], tiers: TierRow[]): { extra: Extra | null; errors: string[] } {
  const errors = new Set<string>();
  const isTrip = base.kind === "trip";
  const opts = options.map((o) => ({
    label: o.label.trim(),
    departsOn: isTrip && o.departsOn ? o.departsOn : null,
    returnsOn: isTrip && o.returnsOn ? o.returnsOn : null,
  }));
  if (opts.length && (opts.length < CO_LIMITS.optionsMin || opts.length > CO_LIMITS.optionsMax)) errors.add(t("cocreate.optionsCount"));
  if (opts.some((o) => o.label.length < 1 || o.label.length > CO_LIMITS.optionLabelMax)) errors.add(t("cocreate.optionLabel"));
  const priceTiers = tiers.map((r) => ({ minSeats: Number(r.minSeats), pricePerSeatCents: parsePrice(r.price, base.currency ?? "EUR") ?? Number.NaN }));
  if (priceTiers.some((p) => !Number.isInteger(p.minSeats) || !Number.isInteger(p.pricePerSeatCents))) errors.add(t("cocreate.tierInvalid"));
  const extra: Extra = { ...(opts.length ? { options: opts } : {}), ...(priceTiers.length ? { priceTiers } : {}) };
  if (!errors.size) for (const issue of coCreateIssues({ ...base, ...extra })) errors.add(t(issueKey(issue.path)));
  return errors.size ? { extra: null, errors: [...errors] } : { extra, errors: [] };
}
