// A member's public profile at /users/:id: their record as an initiator (only deals that really
// ended) and the reviews they received. It never shows an email address: the API has none to give.
import { A, createAsync, useParams } from "@solidjs/router";
import { For, Show } from "solid-js";
import { isApiError } from "../../api.ts";
import { getProfile } from "./reads.ts";
import { t } from "../../i18n/index.ts";
import { formatDay, formatMoment } from "../../format.ts";
import { recordLine } from "../../components/InitiatorRecord.tsx";
import { ErrorState, Loaded, Missing, PageHeading, usePageTitle } from "../../components/States.tsx";

export default function UserPage() {
  const params = useParams<{ id: string }>();
  const profile = createAsync(() => getProfile(params.id));
  usePageTitle(() => profile()?.user.displayName);
  return (
    <Loaded
      error={(e, retry) =>
        isApiError(e, "USER_NOT_FOUND") ? <Missing title={t("profile.notFound")} text="" /> : <ErrorState error={e} retry={retry} />
      }
    >
      <Show when={profile()}>
        {(p) => (
          <section class="profile">
            <PageHeading>{p().user.displayName}</PageHeading>
            <p class="muted">{t("profile.memberSince", { date: formatDay(p().user.memberSince.slice(0, 10)) })}</p>
            <section class="panel" aria-labelledby="record-heading">
              <h2 id="record-heading">{t("profile.record")}</h2>
              <p>{recordLine(p().record, p().reviews)}</p>
            </section>
            <section aria-labelledby="reviews-heading">
              <h2 id="reviews-heading">{t("profile.reviews")}</h2>
              <Show when={p().latestReviews.length} fallback={<p>{t("profile.noReviews")}</p>}>
                <ul class="profile__reviews">
                  <For each={p().latestReviews}>
                    {(r) => (
                      <li class="panel">
                        <p>
                          <span class="tag">{t(`review.${r.rating}`)}</span> <strong>{r.reviewerName}</strong>{" "}
                          <A href={`/deals/${r.deal.id}`}>{t("profile.on", { title: r.deal.title })}</A>
                        </p>
                        <Show when={r.comment}>
                          <p>{r.comment}</p>
                        </Show>
                        <p class="muted">
                          <time datetime={r.createdAt}>{formatMoment(r.createdAt)}</time>
                        </p>
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
            </section>
          </section>
        )}
      </Show>
    </Loaded>
  );
}
