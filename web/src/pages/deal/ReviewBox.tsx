// Reviewing the initiator from the deal page: for a participant active at the end, once the deal
// is over and for 60 days; positive, neutral or negative, with an optional comment. It comes with
// the deal page's later parts (later.ts), as only a participant, signed in, may review.
import { createSignal, For, Show } from "solid-js";
import { api, data, type Deal } from "../../api.ts";
import { mutation } from "../../data.ts";
import { t } from "../../i18n/index.ts";
import { Failure, SubmitButton } from "../../components/States.tsx";
import { mayReview } from "./may-review.ts";

/** The review box, while the viewer may review (as far as the page knows: the server decides). */
export const ReviewSlot = (props: { deal: Deal; now: number }) => (
  <Show when={mayReview(props.deal, props.now)}>
    <ReviewBox deal={props.deal} />
  </Show>
);

/** Sends the review (POST /api/deals/:id/reviews): only this box reviews. */
async function postReview(id: string, rating: "positive" | "neutral" | "negative", comment: string | null) {
  const { review } = await data(api.deals[":id"].reviews.$post({ param: { id }, json: { rating, comment } }));
  return review;
}

const RATINGS = ["positive", "neutral", "negative"] as const;
const COMMENT_MAX = 1000;

function ReviewBox(props: { deal: Deal }) {
  const [rating, setRating] = createSignal<(typeof RATINGS)[number] | null>(null);
  const [comment, setComment] = createSignal("");
  const sending = mutation(postReview);
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    const r = rating();
    if (r) void sending.run(props.deal.id, r, comment().trim() || null);
  };
  return (
    <section class="panel review" aria-labelledby="review-heading">
      <h2 id="review-heading">{t("review.title", { name: props.deal.initiator.displayName })}</h2>
      <Show
        when={!sending.result}
        fallback={
          <p role="status" class="notice">
            {t("review.thanks")}
          </p>
        }
      >
        <form onSubmit={submit} novalidate>
          <fieldset class="field">
            <legend>{t("review.rating")}</legend>
            <div class="choices">
              <For each={RATINGS}>
                {(r) => (
                  <label class="choice">
                    <input type="radio" name="rating" value={r} checked={rating() === r} onChange={() => setRating(r)} />
                    {t(`review.${r}`)}
                  </label>
                )}
              </For>
            </div>
          </fieldset>
          <div class="field">
            <label for="review-comment">{t("review.comment")}</label>
            <textarea id="review-comment" maxlength={COMMENT_MAX} rows="3" value={comment()} onInput={(e) => setComment(e.currentTarget.value)} />
          </div>
          <SubmitButton
            class="button button--block"
            pending={sending.pending}
            disabled={!rating()}
            label={t("review.submit")}
            pendingLabel={t("review.submitting")}
          />
        </form>
      </Show>
      <Failure error={sending.error} />
    </section>
  );
}
