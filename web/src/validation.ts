// Zod issues in words, in the interface language. The schemas are the API's own
// (api/contract/fields.ts); only their messages are replaced, by issue code and limits.
import type { z } from "zod";
import { t, tp } from "./i18n/index.ts";

export type Issue = z.core.$ZodIssue;

/** `formatLimit` shows a numeric limit in the field's own terms (a price, say). */
function issueText(issue: Issue, formatLimit: (n: number) => string = String, empty = false): string {
  if (empty) return t("validation.required");
  switch (issue.code) {
    case "too_small": {
      const min = Number(issue.minimum);
      if (issue.origin === "string") return min <= 1 ? t("validation.required") : tp("validation.tooShort", min);
      return t("validation.min", { min: formatLimit(min) });
    }
    case "too_big": {
      const max = Number(issue.maximum);
      if (issue.origin === "string") return tp("validation.tooLong", max);
      return t("validation.max", { max: formatLimit(max) });
    }
    case "invalid_type":
      return issue.expected === "int" ? t("validation.integer") : t("validation.number");
    case "invalid_format":
      if (issue.format === "email") return t("validation.email");
      if (issue.format === "date") return t("validation.date");
      return t("validation.invalid");
    default:
      return t("validation.invalid");
  }
}

/** Validates one value with a field schema: the localized message of its first issue, or null. */
export function check(schema: z.ZodType, value: unknown, formatLimit?: (n: number) => string): string | null {
  const result = schema.safeParse(value);
  if (result.success) return null;
  const issue = result.error.issues[0];
  const empty = value === undefined || value === "";
  return issue ? issueText(issue, formatLimit, empty) : t("validation.invalid");
}
