// The home page's own words in English (../home.ts says why they are apart from the catalogue).
import type { HomeWords } from "../home.ts";

export const home: HomeWords = {
  title: "Book together, or not at all",
  pitch: "Propose a trip or a group deal: it goes ahead only when enough people commit before the deadline, and nobody is bound if it doesn't.",
  open: { title: "Ending soon", empty: "No deals are open right now. Be the first to propose one." },
  tipped: { title: "Recently confirmed", empty: "No deal has been confirmed yet." },
  findDeal: "Find a deal to join",
  goingAhead: "Going ahead: seats still free",
  how: {
    title: "How it works",
    steps: [
      { title: "Someone proposes", text: "A trip or a deal, with a price a seat, the seats it needs to go ahead and a deadline." },
      { title: "People commit seats", text: "Nobody pays or is bound yet: before the threshold is reached you can still withdraw." },
      { title: "It goes ahead, or nobody is bound", text: "If enough seats are committed by the deadline, it is confirmed and everyone is told. If not, it simply ends." },
    ],
  },
};
