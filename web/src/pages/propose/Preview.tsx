// The proposal as its card will look, following the form as it is filled in.
import { Show } from "solid-js";
import { t, tp } from "../../i18n/index.ts";
import { formatMoment, formatPrice, relative } from "../../format.ts";
import { Progress } from "../../components/Progress.tsx";
import { parsePrice, previewDeadline, type ProposalForm } from "./proposal.ts";

/** A positive whole number as typed, or `fallback` while it is not one yet. */
const count = (s: string, fallback: number) => {
  const n = Number(s);
  return s.trim() !== "" && Number.isInteger(n) && n > 0 ? n : fallback;
};

export function Preview(props: { form: ProposalForm }) {
  const f = props.form;
  const currency = () => (/^[A-Za-z]{3}$/.test(f.currency) ? f.currency.toUpperCase() : "EUR");
  const price = () => {
    const cents = parsePrice(f.price, currency());
    return cents === undefined || Number.isNaN(cents) ? "–" : formatPrice(cents, currency());
  };
  return (
    <aside class="preview" aria-labelledby="preview-heading">
      <h2 id="preview-heading">{t("propose.preview")}</h2>
      <article class="card card--preview">
        <p class="card__meta">
          <span class="tag">{t(`kind.${f.kind}`)}</span>
          <Show when={f.kind === "trip" && f.destination.trim()}>
            <span>{f.destination}</span>
          </Show>
        </p>
        <h3 class="card__title">{f.title.trim() || t("propose.previewUntitled")}</h3>
        <p class="card__price">{t("card.price", { price: price() })}</p>
        <Progress
          threshold={count(f.threshold, 1)}
          capacity={f.capacity.trim() ? count(f.capacity, 1) : null}
          seatsCommitted={0}
          seatsWaitlisted={0}
        />
        <Show when={previewDeadline(f.deadline)}>
          {(iso) => (
            <p class="card__when">
              {t("card.ends", { when: relative(iso()) })} · <time datetime={iso()}>{formatMoment(iso())}</time>
            </p>
          )}
        </Show>
        <p class="muted">{tp("deal.join.seatsHint", count(f.maxSeatsPerCommitment, 1))}</p>
        <Show when={f.description.trim()}>
          <p class="preview__description">{f.description}</p>
        </Show>
      </article>
    </aside>
  );
}
