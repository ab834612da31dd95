// The home page's own words in German (../home.ts says why they are apart from the catalogue).
import type { HomeWords } from "../home.ts";

export const home: HomeWords = {
  title: "Gemeinsam buchen – oder gar nicht",
  pitch: "Schlag eine Reise oder einen Gruppendeal vor: Er findet nur statt, wenn sich vor der Frist genug Leute verbindlich melden, und sonst ist niemand gebunden.",
  open: { title: "Endet bald", empty: "Gerade sind keine Deals offen. Schlag als Erste oder Erster einen vor." },
  tipped: { title: "Kürzlich bestätigt", empty: "Bisher wurde noch kein Deal bestätigt." },
  findDeal: "Einen Deal zum Mitmachen finden",
  goingAhead: "Findet statt: noch Plätze frei",
  how: {
    title: "So funktioniert's",
    steps: [
      { title: "Jemand schlägt etwas vor", text: "Eine Reise oder einen Deal, mit einem Preis pro Platz, der nötigen Zahl an Plätzen und einer Frist." },
      { title: "Leute sagen Plätze zu", text: "Noch zahlt niemand und niemand ist gebunden: Solange die Schwelle nicht erreicht ist, kannst du zurücktreten." },
      { title: "Es findet statt – oder niemand ist gebunden", text: "Kommen bis zur Frist genug Plätze zusammen, ist es bestätigt und alle erfahren es. Sonst endet es einfach." },
    ],
  },
};
