// Deutsch, the words of the server's link previews: the same keys as en/meta.ts.
import type { enMeta } from "../en/meta.ts";

export const deMeta: Record<keyof typeof enMeta, string> = {
  "meta.siteDescription":
    "Schlag eine Reise oder einen Gruppendeal vor. Er findet nur statt, wenn sich vor der Frist genug Leute verbindlich melden.",
  "meta.deal.open.one": "{price} pro Platz. {committed} von {count} Platz zugesagt; ab {count} findet es statt. Mitmachen bis {deadline}.",
  "meta.deal.open.other": "{price} pro Platz. {committed} von {count} Plätzen zugesagt; ab {count} findet es statt. Mitmachen bis {deadline}.",
  "meta.deal.confirmed": "Bestätigt: Es findet statt. {price} pro Platz.",
  "meta.deal.failed.one": "Dieser Deal hat vor der Frist nicht {count} Platz erreicht.",
  "meta.deal.failed.other": "Dieser Deal hat vor der Frist keine {count} Plätze erreicht.",
  "meta.deal.cancelled": "Dieser Deal wurde von seinem Initiator abgesagt.",
  "meta.deal.grace": "Die Frist ist über der weichen Schwelle abgelaufen; der Initiator entscheidet, ob der Deal stattfindet. {price} pro Platz.",
};
