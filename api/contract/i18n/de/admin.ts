// Deutsch, the words of the administrators' page (/admin): a catalogue part of its own, loaded only by
// those pages (web/src/App.tsx), so the other pages that load the second part don't carry them.
import type { enAdmin } from "../en/admin.ts";

export const deAdmin: Record<keyof typeof enAdmin, string> = {
  "admin.title": "Moderation",
  "admin.forbidden": "Nur Administratoren können diese Seite sehen.",
  "admin.reports": "Meldungen",
  "admin.reports.empty": "Keine Meldungen. Wenn jemand einen Deal meldet, erscheint er hier.",
  "admin.report.by": "Gemeldet von {name}",
  "admin.deal.by": "Vorgeschlagen von {name}",
  "admin.hidden": "Verborgen",
  "admin.blocked": "Gesperrt",
  "admin.hide": "Deal verbergen",
  "admin.hide.title": "„{title}“ verbergen?",
  "admin.hide.text": "Ein offener Deal wird abgesagt und alle Beteiligten bekommen eine E-Mail. Ein bestätigter Deal bleibt bestätigt. Danach können ihn nur noch der Initiator und die Administratoren öffnen.",
  "admin.hide.confirm": "Deal verbergen",
  "admin.block": "{name} sperren",
  "admin.block.title": "{name} sperren?",
  "admin.block.text": "Die Sitzungen enden, die Anmeldung ist nicht mehr möglich, und offene Deals werden abgesagt und verborgen, mit einer E-Mail an alle Beteiligten.",
  "admin.block.confirm": "Sperren",
  "admin.keep": "Lieber nicht",
  "admin.done.hide": "Der Deal ist verborgen.",
  "admin.done.block": "{name} ist gesperrt.",
  "admin.actions": "Protokoll",
  "admin.actions.empty": "Noch keine Moderation.",
  "admin.action.hide-deal": "{admin} hat den Deal „{target}“ verborgen",
  "admin.action.block-user": "{admin} hat {target} gesperrt",
  "admin.action.unknownTarget": "(gelöscht)",
  "admin.action.note.initiator-blocked": "weil der Initiator gesperrt wurde",
};
