// The terms page in Dutch (the shape, and why it is apart from the catalogue: ../terms.ts).
import type { TermsText } from "../terms.ts";

export const terms: TermsText = {
  intro: "Met Quorum stelt iemand een reis of deal voor die alleen doorgaat als er vóór een deadline genoeg plaatsen worden toegezegd. Dit zijn de regels waarmee iedereen instemt die Quorum gebruikt.",
  participant: {
    title: "Als je plaatsen toezegt",
    rules: [
      "Je plaatsen zijn pas bindend als de deal vóór de deadline de drempel haalt. Tot dan kun je je altijd terugtrekken.",
      "Is de deal bevestigd, dan zijn je plaatsen bindend: je kunt ze niet meer terugtrekken. Doe je mee aan een deal die al bevestigd is, dan zit je meteen vast.",
      "Gaat de deal niet door of annuleert de initiatiefnemer hem, dan zit niemand vast en betaalt niemand.",
      "Heeft een deal een maximum en passen je plaatsen er niet meer in, dan kom je op de wachtlijst. Komen er plaatsen vrij, dan schuif je op volgorde door; je kunt de wachtlijst altijd verlaten.",
      "Wordt een deal met een prijs bevestigd, dan word je gevraagd te betalen binnen de betaaltermijn van de deal. Plaatsen die dan niet betaald zijn, komen vrij.",
      "De initiatiefnemer ziet je naam en e-mailadres, om de reis of deal met je te regelen. Niemand anders ziet je e-mailadres.",
    ],
  },
  initiator: {
    title: "Als je een deal voorstelt",
    rules: [
      "Beschrijf eerlijk waar mensen zich aan verbinden: de prijs per plaats, de data, de drempel, het maximum en de deadline.",
      "Zodra iemand heeft toegezegd, liggen de voorwaarden vast; de beschrijving kun je nog aanpassen en het maximum verhogen.",
      "Je kunt annuleren zolang de deal open is of in bedenktijd; iedereen hoort het. Een bevestigde deal kun je niet annuleren: regel wat je hebt beloofd.",
      "Gebruik namen en e-mailadressen van deelnemers alleen voor deze deal.",
    ],
  },
  promises: {
    title: "Wat Quorum belooft",
    rules: [
      "Een deal wordt nooit overboekt: actieve plaatsen gaan nooit boven het maximum.",
      "Een deal wordt precies één keer bevestigd, door de toezegging die de drempel haalt, en dat is onherroepelijk.",
      "Iedereen hoort elke uitkomst precies één keer, op de pagina en per e-mail.",
      "De tijd is eerlijk: na de deadline wordt geen toezegging meer aangenomen.",
      "Foute invoer verandert niets; je krijgt een duidelijke melding.",
      "Niemand ziet wat niet van hem is: je e-mailadres zien alleen jij en de initiatiefnemer van de deal.",
    ],
  },
  states: {
    title: "Wat er met een deal gebeurt",
    open: "Plaatsen verzamelen tot de deadline.",
    confirmed: "De drempel is op tijd gehaald. Dat is definitief; vrije plaatsen kun je tot de deadline nog nemen.",
    grace: "De deadline is verstreken met minstens de zachte drempel; de initiatiefnemer heeft een paar dagen om te beslissen, en deelnemers kunnen zich intussen terugtrekken.",
    failed: "De deadline is verstreken onder de drempel. Niemand zit vast.",
    cancelled: "De initiatiefnemer heeft geannuleerd. Niemand zit vast.",
  },
};
