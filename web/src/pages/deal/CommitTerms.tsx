// "What happens when you commit", above the join button, in plain words with the deal's own
// figures: when the seats bind (at the threshold by the deadline, or at once on a confirmed deal,
// or never while on the waitlist), what happens if it fails or is cancelled, when one can
// withdraw, how payment works, and that the initiator sees one's name and email address.
import { A } from "@solidjs/router";
import { Match, Show, Switch } from "solid-js";
import type { Deal } from "../../api.ts";
import { t, tp } from "../../i18n/index.ts";
import { formatMomentZoned } from "./dates.ts";

export function CommitTerms(props: { deal: Deal }) {
  const d = () => props.deal;
  const full = () => d().capacity != null && d().seatsCommitted >= d().capacity!;
  return (
    <section class="terms" aria-labelledby="terms-heading">
      <h3 id="terms-heading">{t("deal.terms.title")}</h3>
      <ul>
        <Switch>
          <Match when={full() && d().status === "confirmed"}>
            <li>{t("deal.terms.waitlistConfirmed")}</li>
          </Match>
          <Match when={d().status === "confirmed"}>
            <li>
              <strong>{t("deal.terms.bindsNow")}</strong>
            </li>
          </Match>
          <Match when={true}>
            <li>
              <strong>{tp("deal.terms.bound", d().threshold, { deadline: formatMomentZoned(d().deadline) })}</strong>
            </li>
            <li>{t("deal.terms.notBound")}</li>
            <li>{t("deal.terms.withdraw")}</li>
          </Match>
        </Switch>
        <Show when={d().currentPricePerSeatCents > 0}>
          <li>{t("deal.terms.pay", { hours: d().paymentWindowHours })}</li>
        </Show>
        <li>{t("deal.terms.privacy")}</li>
      </ul>
      <p class="terms__links">
        <A href="/terms">{t("deal.terms.termsLink")}</A>
        <A href="/privacy">{t("deal.terms.privacyLink")}</A>
      </p>
    </section>
  );
}
