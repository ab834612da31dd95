// The name a new member has until they choose one.
//
// Decision (issue 16): no made-up "Member 1234". At sign-up the name is a suggestion drawn from
// the address: the first word of its local part, capitalised ("ada.lovelace+quorum@…" gives
// "Ada"). The app shows it to the person as the default of "What should we call you?" at their
// first sign-in and before their first proposal; until they answer, it is also what others see
// (the deal's initiator, the passenger list and its CSV), so the list always carries a name an
// organiser can use. Only that first word is ever used, never the domain or the digits, so it
// tells others no more than a first name would. An address with no usable word (digits only,
// one letter) gets a neutral word in the member's language instead.
import type { Lang } from "../contract/lang.ts";

const NEUTRAL: Record<Lang, string> = { en: "Traveller", nl: "Reiziger", de: "Reisender" };

export function suggestedName(email: string, lang: Lang): string {
  const local = email.slice(0, email.lastIndexOf("@")).split("+")[0] ?? "";
  const word = local.split(/[^\p{L}]+/u).find((w) => [...w].length >= 2);
  if (!word) return NEUTRAL[lang];
  const letters = [...word.toLowerCase()].slice(0, 30);
  return letters[0]!.toUpperCase() + letters.slice(1).join("");
}
