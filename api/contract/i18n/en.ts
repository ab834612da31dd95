// English: the reference catalogue, in two parts (en/first.ts, en/more.ts) so that the web app
// loads only what a page says. Its keys define every message; nl.ts and de.ts must have the same
// keys (the type checker and tests/web/i18n.test.ts both check). Counted messages come in
// `.one` / `.other` pairs. The server also reads the `meta.*` messages for link previews.
import { enFirst } from "./en/first.ts";
import { enMore } from "./en/more.ts";

export const en = { ...enFirst, ...enMore };
