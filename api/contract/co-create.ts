// Co-creation in the contract: the fields of options (the group picks the date or place) and of
// retroactive price tiers, in the functional zod style that zod/mini shares (see fields.ts). The
// pure rules are in co-create-rules.ts, which pages import without loading zod.
import * as z from "zod";

import { CO_LIMITS } from "./co-create-rules.ts";

export * from "./co-create-rules.ts";

const isoDate = z.iso.date();

const optionField = z.object({
  label: z.string().check(z.trim(), z.minLength(1), z.maxLength(CO_LIMITS.optionLabelMax)),
  departsOn: z.nullish(isoDate),
  returnsOn: z.nullish(isoDate),
});
const tierField = z.object({
  minSeats: z.int().check(z.gte(1), z.lte(100_000)),
  pricePerSeatCents: z.int().check(z.gte(0), z.lte(100_000_000)),
});

export const coCreateFields = {
  options: z.optional(z.array(optionField).check(z.minLength(CO_LIMITS.optionsMin), z.maxLength(CO_LIMITS.optionsMax))),
  priceTiers: z.optional(z.array(tierField).check(z.maxLength(CO_LIMITS.tiersMax))),
  optionIds: z.optional(z.array(z.string().check(z.minLength(1), z.maxLength(40))).check(z.maxLength(CO_LIMITS.optionsMax))),
};

