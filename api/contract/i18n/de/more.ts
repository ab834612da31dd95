// Deutsch, the rest: the same keys as en/more.ts.
import type { enMore } from "../en/more.ts";

export const deMore: Record<keyof typeof enMore, string> = {
  "validation.required": "Dieses Feld ist erforderlich.",
  "validation.tooShort.one": "Verwende mindestens {count} Zeichen.",
  "validation.tooShort.other": "Verwende mindestens {count} Zeichen.",
  "validation.tooLong.one": "Verwende höchstens {count} Zeichen.",
  "validation.tooLong.other": "Verwende höchstens {count} Zeichen.",
  "validation.min": "Muss mindestens {min} sein.",
  "validation.max": "Darf höchstens {max} sein.",
  "validation.integer": "Verwende eine ganze Zahl.",
  "validation.number": "Gib eine Zahl ein.",
  "validation.price": "Gib einen Betrag ein, etwa 295 oder 29,50.",
  "validation.email": "Gib eine gültige E-Mail-Adresse ein.",
  "validation.date": "Gib ein gültiges Datum ein.",
  "validation.currency": "Verwende einen Währungscode wie EUR.",
  "validation.invalid": "Prüfe dieses Feld.",
  "validation.deadlineTooSoon": "Die Frist muss mindestens 10 Minuten in der Zukunft liegen.",
  "validation.deadlineTooLate": "Die Frist darf höchstens 366 Tage in der Zukunft liegen.",
  "validation.capacityBelowThreshold": "Die Höchstzahl muss mindestens die nötige Platzzahl sein.",
  "validation.maxSeatsOverCapacity": "Das darf nicht mehr als die Höchstzahl an Plätzen sein.",
  "validation.returnBeforeDeparture": "Die Rückreise kann nicht vor der Abreise liegen.",
  "validation.departureNeeded": "Gib auch ein Abreisedatum an.",
  "validation.departureBeforeDeadline": "Die Abreise kann nicht vor der Frist liegen.",

  "signIn.title": "Anmelden",
  "signIn.intro": "Wir schicken dir einen Anmeldelink per E-Mail. Du brauchst kein Passwort.",
  "signIn.email": "E-Mail-Adresse",
  "signIn.submit": "Link per E-Mail senden",
  "signIn.sending": "Wird gesendet …",
  "signIn.sent": "Sieh in dein Postfach: Wir haben einen Anmeldelink an {email} geschickt. Er funktioniert einmal, 10 Minuten lang.",
  "signIn.devMailbox": "Entwicklungsmodus: Entwicklungs-Postfach öffnen",
  "signIn.again": "Eine andere Adresse verwenden",

  "callback.title": "Anmeldung",
  "callback.failed": "Dieser Anmeldelink hat nicht funktioniert.",
  "callback.missing": "Öffne diese Seite über den Link in deiner E-Mail.",
  "callback.newLink": "Neuen Link anfordern",

  "manage.back": "Zurück zur Deal-Seite",

  // editing and the soft threshold
  "manage.edit.save": "Änderungen speichern",
  "manage.edit.saving": "Wird gespeichert…",
  "manage.edit.saved": "Gespeichert.",
  "manage.edit.locked": "Jemand hat zugesagt, daher stehen die Bedingungen fest: Du kannst die Beschreibung noch ändern und die Kapazität erhöhen. Der Rest bleibt, damit sich niemandes Zusage unter ihm ändert.",
  "manage.edit.lockedField": "Fest",
  "validation.softThreshold": "Die weiche Schwelle muss mindestens die Hälfte der nötigen Plätze sein, und weniger als diese.",

  // Sign-in confirmation and sign out everywhere
  "callback.confirm.question": "Als {email} anmelden?",
  "callback.confirm.why": "Melde dich nur an, wenn du diesen Link selbst angefordert hast. Vielleicht hat dir jemand seinen weitergeleitet.",
  "callback.confirm.submit": "Anmelden",
  "callback.confirm.submitting": "Anmeldung läuft…",
  "callback.confirm.notMe": "Das bin ich nicht",
  "callback.notMe.title": "Niemand wurde angemeldet",
  "callback.notMe.text": "Dieser Link gehört zur Adresse von jemand anderem, also benutze ihn nicht. Du kannst diese Seite schließen oder einen eigenen Link anfordern.",
  "callback.notMe.home": "Zur Startseite",
  // co-creation: options, price tiers, profiles
  "cocreate.optionsCount": "Biete 2 bis 5 Optionen an, oder keine.",
  "cocreate.optionLabel": "Gib jeder Option einen Namen mit 1 bis 80 Zeichen.",
  "cocreate.optionsDistinct": "Gib jeder Option einen eigenen Namen.",
  "cocreate.optionDates": "Prüfe die Daten der Optionen: Rückkehr nach der Abreise, und keine Abreise vor der Frist.",
  "cocreate.tierInvalid": "Gib jeder Stufe eine Anzahl Plätze und einen Preis.",
  "cocreate.tierSeats": "Jede Stufe braucht mehr Plätze als die Schwelle und die Stufe davor, und höchstens die Kapazität.",
  "cocreate.tierPrice": "Jede Stufe muss weniger kosten als der Preis davor.",
  "profile.memberSince": "Mitglied seit {date}",
  "profile.record": "Als Initiator",
  "profile.reviews": "Bewertungen",
  "profile.noReviews": "Noch keine Bewertungen.",
  "profile.on": "zu {title}",
  "profile.notFound": "Dieses Mitglied gibt es nicht.",
  "profile.title": "Mitgliedsprofil",
  // a review's rating (the review box, a member's page)
  "review.positive": "Positiv",
  "review.neutral": "Neutral",
  "review.negative": "Negativ",
  // sign-in that returns, a name, time zones (issue 16)
  "signIn.waiting": "Wir warten auf deine Anmeldung: Öffne den Link in einem beliebigen Tab, und diese Seite geht von selbst weiter.",
  "namePrompt.title": "Wie sollen wir dich nennen?",
  "namePrompt.text": "Dein Name ist für die Initiatoren der Deals sichtbar, an denen du teilnimmst, bei den Deals, die du vorschlägst, und bei deinen Bewertungen. Wir haben einen aus deiner E-Mail-Adresse vorgeschlagen: Behalte ihn oder ändere ihn.",
  "namePrompt.label": "Dein Name",
  "namePrompt.save": "Namen speichern",
  "namePrompt.saving": "Wird gespeichert…",
  // the propose form: money as typed, the currency chooser; the terms page
  "validation.priceAmbiguous": "„{text}“ kann {a} oder {b} bedeuten. Schreib es mit beiden Zeichen, etwa 1.250,000 oder 1,250.",
  "terms.title": "Bedingungen",

  // paying at the tip: the deal page's payment panel, the development checkout, the initiator's counts, my deals, the propose field
  "pay.due": "Zahle {amount} bis {due}.",
  "pay.received": "Zahlung erhalten",
  "payment.due": "Offen",
  "payment.paid": "Bezahlt",
  "payment.lapsed": "Verfallen",
  "manage.col.payment": "Zahlung",
  // the first join (issue 16): one's commitment to an ended deal (the deal page, my deals)
  "deal.mine.notBound.failed": "Er fand nicht statt: Niemand ist gebunden.",
  "deal.mine.notBound.cancelled": "Er wurde abgesagt: Niemand ist gebunden.",
  // a commitment's states (my deals, the manage page, one's own commitment), and the seats the
  // join form and the propose preview both ask for
  "commitment.active": "Aktiv",
  "commitment.waitlisted": "Warteliste",
  "commitment.withdrawn": "Zurückgezogen",
  "commitment.released": "Freigegeben: eine andere Option hat gewonnen",
  "commitment.lapsed": "Verfallen: nicht rechtzeitig bezahlt",
  "commitment.removed": "Vom Initiator entfernt",
  "deal.join.seats": "Plätze",
  "deal.join.seatsHint.one": "Höchstens {count} Platz pro Person",
  "deal.join.seatsHint.other": "Höchstens {count} Plätze pro Person",
  // what the pages that need a session say to one without
  "common.signInFirst": "Melde dich an, um diese Seite zu sehen.",
  "common.signIn": "Anmelden",
  // the page for an address with nothing at it (it loads this part)
  "notFound.title": "Seite nicht gefunden",
  "notFound.text": "Unter dieser Adresse gibt es nichts.",
};
