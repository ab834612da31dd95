// Counted phrases in the email catalogues: each form gets the number already formatted for the
// language, and the language's plural rules choose the form. Forms are functions, not templates
// with a placeholder, so a title such as "Deal #5" is never mistaken for one.
import { INTL_TAGS, type Lang } from "../contract/lang.ts";

/** The forms of a counted phrase; each receives the count formatted for the language. */
interface PluralForms {
  one: (n: string) => string;
  other: (n: string) => string;
}

interface Counting {
  /** A number, formatted for the language. */
  num: (n: number) => string;
  /** The form of a counted phrase that the language's plural rules choose for `n`. */
  count: (n: number, forms: PluralForms) => string;
}

export function counting(lang: Lang): Counting {
  const rules = new Intl.PluralRules(INTL_TAGS[lang]);
  const numbers = new Intl.NumberFormat(INTL_TAGS[lang]);
  const num = (n: number) => numbers.format(n);
  // en, nl and de only have the categories "one" and "other".
  return { num, count: (n, forms) => (rules.select(n) === "one" ? forms.one : forms.other)(num(n)) };
}
