// The terms page in German (the shape, and why it is apart from the catalogue: ../terms.ts).
import type { TermsText } from "../terms.ts";

export const terms: TermsText = {
  intro: "Bei Quorum schlägt jemand eine Reise oder einen Deal vor, der nur stattfindet, wenn vor einer Frist genug Plätze zugesagt werden. Das sind die Regeln, denen alle zustimmen, die Quorum nutzen.",
  participant: {
    title: "Wenn du Plätze zusagst",
    rules: [
      "Deine Plätze sind erst verbindlich, wenn der Deal vor der Frist die Schwelle erreicht. Bis dahin kannst du jederzeit zurücktreten.",
      "Ist der Deal bestätigt, sind deine Plätze verbindlich: Du kannst sie nicht mehr zurückziehen. Wer einem bereits bestätigten Deal beitritt, ist sofort gebunden.",
      "Findet der Deal nicht statt oder sagt die Initiatorin oder der Initiator ihn ab, ist niemand gebunden und niemand zahlt.",
      "Hat ein Deal ein Maximum und passen deine Plätze nicht mehr hinein, kommst du auf die Warteliste. Werden Plätze frei, rückst du der Reihe nach auf; du kannst die Warteliste jederzeit verlassen.",
      "Wird ein Deal mit Preis bestätigt, wirst du gebeten, innerhalb der Zahlungsfrist des Deals zu zahlen. Plätze, die dann nicht bezahlt sind, werden frei.",
      "Die Initiatorin oder der Initiator sieht deinen Namen und deine E-Mail-Adresse, um die Reise oder den Deal mit dir zu organisieren. Sonst sieht niemand deine E-Mail-Adresse.",
    ],
  },
  initiator: {
    title: "Wenn du einen Deal vorschlägst",
    rules: [
      "Beschreibe ehrlich, worauf sich die Leute einlassen: Preis pro Platz, Daten, Schwelle, Maximum und Frist.",
      "Sobald jemand zugesagt hat, stehen die Bedingungen fest; die Beschreibung kannst du noch ändern und das Maximum erhöhen.",
      "Du kannst absagen, solange der Deal offen ist oder in der Bedenkzeit; alle erfahren es. Einen bestätigten Deal kannst du nicht absagen: Organisiere, was du versprochen hast.",
      "Verwende Namen und E-Mail-Adressen der Teilnehmenden nur für diesen Deal.",
    ],
  },
  promises: {
    title: "Was Quorum verspricht",
    rules: [
      "Ein Deal wird nie überbucht: Aktive Plätze übersteigen nie das Maximum.",
      "Ein Deal wird genau einmal bestätigt, durch die Zusage, die die Schwelle erreicht, und das ist unwiderruflich.",
      "Alle erfahren jedes Ergebnis genau einmal, auf der Seite und per E-Mail.",
      "Die Zeit ist ehrlich: Nach der Frist wird keine Zusage mehr angenommen.",
      "Fehlerhafte Eingaben ändern nichts; du bekommst eine klare Meldung.",
      "Niemand sieht, was nicht seins ist: Deine E-Mail-Adresse sehen nur du und die Initiatorin oder der Initiator des Deals.",
    ],
  },
  states: {
    title: "Was mit einem Deal geschieht",
    open: "Plätze werden bis zur Frist gesammelt.",
    confirmed: "Die Schwelle wurde rechtzeitig erreicht. Das ist endgültig; freie Plätze kann man bis zur Frist noch nehmen.",
    grace: "Die Frist ist mit mindestens der weichen Schwelle abgelaufen; die Initiatorin oder der Initiator hat einige Tage Zeit zu entscheiden, und Teilnehmende können so lange zurücktreten.",
    failed: "Die Frist ist unter der Schwelle abgelaufen. Niemand ist gebunden.",
    cancelled: "Die Initiatorin oder der Initiator hat abgesagt. Niemand ist gebunden.",
  },
};
