// Nederlands, the words of the administrators' page (/admin): a catalogue part of its own, loaded only by
// those pages (web/src/App.tsx), so the other pages that load the second part don't carry them.
import type { enAdmin } from "../en/admin.ts";

export const nlAdmin: Record<keyof typeof enAdmin, string> = {
  "admin.title": "Moderatie",
  "admin.forbidden": "Alleen beheerders kunnen deze pagina zien.",
  "admin.reports": "Meldingen",
  "admin.reports.empty": "Geen meldingen. Als iemand een deal meldt, staat die hier.",
  "admin.report.by": "Gemeld door {name}",
  "admin.deal.by": "Voorgesteld door {name}",
  "admin.hidden": "Verborgen",
  "admin.blocked": "Geblokkeerd",
  "admin.hide": "Deal verbergen",
  "admin.hide.title": "“{title}” verbergen?",
  "admin.hide.text": "Een open deal wordt geannuleerd en iedereen die meedoet krijgt een e-mail. Een bevestigde deal blijft bevestigd. Daarna kunnen alleen de initiatiefnemer en de beheerders de deal nog openen.",
  "admin.hide.confirm": "Deal verbergen",
  "admin.block": "{name} blokkeren",
  "admin.block.title": "{name} blokkeren?",
  "admin.block.text": "De sessies worden beëindigd, inloggen kan niet meer, en open deals worden geannuleerd en verborgen, met een e-mail aan iedereen die meedoet.",
  "admin.block.confirm": "Blokkeren",
  "admin.keep": "Niet doen",
  "admin.done.hide": "De deal is verborgen.",
  "admin.done.block": "{name} is geblokkeerd.",
  "admin.actions": "Logboek",
  "admin.actions.empty": "Nog geen moderatie.",
  "admin.action.hide-deal": "{admin} verborg de deal “{target}”",
  "admin.action.block-user": "{admin} blokkeerde {target}",
  "admin.action.unknownTarget": "(verwijderd)",
  "admin.action.note.initiator-blocked": "omdat de initiatiefnemer werd geblokkeerd",
};
