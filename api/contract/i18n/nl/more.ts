// Nederlands, the rest: the same keys as en/more.ts.
import type { enMore } from "../en/more.ts";

export const nlMore: Record<keyof typeof enMore, string> = {
  "validation.required": "Dit veld is verplicht.",
  "validation.tooShort.one": "Gebruik minstens {count} teken.",
  "validation.tooShort.other": "Gebruik minstens {count} tekens.",
  "validation.tooLong.one": "Gebruik hoogstens {count} teken.",
  "validation.tooLong.other": "Gebruik hoogstens {count} tekens.",
  "validation.min": "Moet minstens {min} zijn.",
  "validation.max": "Mag hoogstens {max} zijn.",
  "validation.integer": "Gebruik een heel getal.",
  "validation.number": "Vul een getal in.",
  "validation.price": "Vul een bedrag in, zoals 295 of 29,50.",
  "validation.email": "Vul een geldig e-mailadres in.",
  "validation.date": "Vul een geldige datum in.",
  "validation.currency": "Gebruik een valutacode zoals EUR.",
  "validation.invalid": "Controleer dit veld.",
  "validation.deadlineTooSoon": "De deadline moet minstens 10 minuten in de toekomst liggen.",
  "validation.deadlineTooLate": "De deadline mag hoogstens 366 dagen in de toekomst liggen.",
  "validation.capacityBelowThreshold": "Het maximum moet minstens het benodigde aantal plaatsen zijn.",
  "validation.maxSeatsOverCapacity": "Dit mag niet meer zijn dan het maximum aantal plaatsen.",
  "validation.returnBeforeDeparture": "De terugreis kan niet vóór het vertrek liggen.",
  "validation.departureNeeded": "Vul ook een vertrekdatum in.",
  "validation.departureBeforeDeadline": "Het vertrek kan niet vóór de deadline liggen.",

  "signIn.title": "Inloggen",
  "signIn.intro": "We mailen je een inloglink. Je hebt geen wachtwoord nodig.",
  "signIn.email": "E-mailadres",
  "signIn.submit": "Mail me een link",
  "signIn.sending": "Bezig met versturen…",
  "signIn.sent": "Kijk in je mail: we hebben een inloglink gestuurd naar {email}. Die werkt één keer, 10 minuten lang.",
  "signIn.devMailbox": "Ontwikkelmodus: open de ontwikkelmailbox",
  "signIn.again": "Een ander adres gebruiken",

  "callback.title": "Inloggen",
  "callback.failed": "Deze inloglink werkte niet.",
  "callback.missing": "Open deze pagina via de link in je e-mail.",
  "callback.newLink": "Vraag een nieuwe link aan",

  "manage.back": "Terug naar de dealpagina",

  // editing and the soft threshold
  "manage.edit.save": "Wijzigingen opslaan",
  "manage.edit.saving": "Opslaan…",
  "manage.edit.saved": "Opgeslagen.",
  "manage.edit.locked": "Er heeft iemand meegedaan, dus de voorwaarden liggen vast: je kunt de beschrijving nog aanpassen en de capaciteit verhogen. De rest blijft zoals het was, zodat niemands toezegging onder hem verandert.",
  "manage.edit.lockedField": "Vast",
  "validation.softThreshold": "De zachte drempel moet minstens de helft van de benodigde plaatsen zijn, en minder dan dat.",

  // Sign-in confirmation and sign out everywhere
  "callback.confirm.question": "Inloggen als {email}?",
  "callback.confirm.why": "Log alleen in als je deze link zelf hebt aangevraagd. Misschien heeft iemand je de zijne doorgestuurd.",
  "callback.confirm.submit": "Inloggen",
  "callback.confirm.submitting": "Bezig met inloggen…",
  "callback.confirm.notMe": "Dit ben ik niet",
  "callback.notMe.title": "Er is niemand ingelogd",
  "callback.notMe.text": "Deze link hoort bij het adres van iemand anders, dus gebruik hem niet. Je kunt deze pagina sluiten of een eigen link aanvragen.",
  "callback.notMe.home": "Naar de startpagina",
  // co-creation: options, price tiers, profiles
  "cocreate.optionsCount": "Bied 2 tot 5 opties aan, of geen.",
  "cocreate.optionLabel": "Geef elke optie een naam van 1 tot 80 tekens.",
  "cocreate.optionsDistinct": "Geef elke optie een eigen naam.",
  "cocreate.optionDates": "Controleer de data van de opties: terug na vertrek, en geen vertrek voor de deadline.",
  "cocreate.tierInvalid": "Geef elke trap een aantal plaatsen en een prijs.",
  "cocreate.tierSeats": "Elke trap heeft meer plaatsen nodig dan de drempel en de trap ervoor, en hoogstens de capaciteit.",
  "cocreate.tierPrice": "Elke trap moet goedkoper zijn dan de prijs ervoor.",
  "profile.memberSince": "Lid sinds {date}",
  "profile.record": "Als initiatiefnemer",
  "profile.reviews": "Beoordelingen",
  "profile.noReviews": "Nog geen beoordelingen.",
  "profile.on": "over {title}",
  "profile.notFound": "Dit lid bestaat niet.",
  "profile.title": "Profiel",
  // a review's rating (the review box, a member's page)
  "review.positive": "Positief",
  "review.neutral": "Neutraal",
  "review.negative": "Negatief",
  // sign-in that returns, a name, time zones (issue 16)
  "signIn.waiting": "We wachten tot je inlogt: open de link in een willekeurig tabblad en deze pagina gaat vanzelf verder.",
  "namePrompt.title": "Hoe mogen we je noemen?",
  "namePrompt.text": "Je naam is zichtbaar voor de initiatiefnemers van de deals waaraan je meedoet, bij de deals die je voorstelt en bij je beoordelingen. We hebben er een voorgesteld op basis van je e-mailadres: houd hem of pas hem aan.",
  "namePrompt.label": "Je naam",
  "namePrompt.save": "Naam opslaan",
  "namePrompt.saving": "Opslaan…",
  // the propose form: money as typed, the currency chooser; the terms page
  "validation.priceAmbiguous": "“{text}” kan {a} of {b} betekenen. Schrijf het met beide tekens, zoals 1.250,000 of 1,250.",
  "terms.title": "Voorwaarden",

  // paying at the tip: the deal page's payment panel, the development checkout, the initiator's counts, my deals, the propose field
  "pay.due": "Betaal {amount} vóór {due}.",
  "pay.received": "Betaling ontvangen",
  "payment.due": "Open",
  "payment.paid": "Betaald",
  "payment.lapsed": "Vervallen",
  "manage.col.payment": "Betaling",
  // the first join (issue 16): one's commitment to an ended deal (the deal page, my deals)
  "deal.mine.notBound.failed": "Hij ging niet door: je zit nergens aan vast.",
  "deal.mine.notBound.cancelled": "Hij is geannuleerd: je zit nergens aan vast.",
  // a commitment's states (my deals, the manage page, one's own commitment), and the seats the
  // join form and the propose preview both ask for
  "commitment.active": "Actief",
  "commitment.waitlisted": "Wachtlijst",
  "commitment.withdrawn": "Teruggetrokken",
  "commitment.released": "Vrijgegeven: een andere optie won",
  "commitment.lapsed": "Vervallen: niet op tijd betaald",
  "commitment.removed": "Verwijderd door de initiatiefnemer",
  "deal.join.seats": "Plaatsen",
  "deal.join.seatsHint.one": "Maximaal {count} plaats per persoon",
  "deal.join.seatsHint.other": "Maximaal {count} plaatsen per persoon",
  // what the pages that need a session say to one without
  "common.signInFirst": "Log in om deze pagina te zien.",
  "common.signIn": "Inloggen",
  // the page for an address with nothing at it (it loads this part)
  "notFound.title": "Pagina niet gevonden",
  "notFound.text": "Op dit adres staat niets.",
};
