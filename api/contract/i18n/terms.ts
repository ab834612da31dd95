// The terms page's words: what a participant and an initiator agree to, what happens to a deal in
// each state, and the six promises (DESIGN.md). Long text that only /terms says, so it is kept out
// of the catalogue every page loads: each language is its own module (<lang>/terms.ts), loaded by
// the terms page alone. This type keeps the three alike.
import type { DealStatus } from "../rules.ts";

interface Section {
  title: string;
  rules: string[];
}

export interface TermsText {
  intro: string;
  participant: Section;
  initiator: Section;
  states: { title: string } & Record<DealStatus, string>;
  promises: Section;
}
