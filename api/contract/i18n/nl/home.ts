// The home page's own words in Dutch (../home.ts says why they are apart from the catalogue).
import type { HomeWords } from "../home.ts";

export const home: HomeWords = {
  title: "Samen boeken, of helemaal niet",
  pitch: "Stel een reis of groepsdeal voor: die gaat alleen door als genoeg mensen zich vóór de deadline aanmelden, en niemand zit eraan vast als dat niet lukt.",
  open: { title: "Sluit binnenkort", empty: "Er staan nu geen deals open. Stel als eerste een deal voor." },
  tipped: { title: "Onlangs bevestigd", empty: "Er is nog geen deal bevestigd." },
  findDeal: "Vind een deal om mee te doen",
  goingAhead: "Gaat door: nog plaatsen vrij",
  how: {
    title: "Zo werkt het",
    steps: [
      { title: "Iemand doet een voorstel", text: "Een reis of een deal, met een prijs per plaats, het aantal plaatsen dat nodig is en een deadline." },
      { title: "Mensen zeggen plaatsen toe", text: "Niemand betaalt of zit al vast: zolang de drempel niet is gehaald, kun je je nog terugtrekken." },
      { title: "Het gaat door, of niemand zit vast", text: "Zijn er op tijd genoeg plaatsen toegezegd, dan is het bevestigd en hoort iedereen het. Zo niet, dan stopt het gewoon." },
    ],
  },
};
