// Posting an update from the manage page: plain text with a character counter and the limit, the
// answer said in words (posted, closed, ten a day), and the updates posted so far, newest first.
import { createAsync } from "@solidjs/router";
import { createSignal, Match, Show, Switch } from "solid-js";
import { api, data, isApiError, type Deal } from "../../api.ts";
import { LIMITS } from "../../../../api/contract/fields.ts";
import { getUpdates, mutation, stale } from "../../data.ts";
import { formatNumber, t } from "../../i18n/index.ts";
import { Empty, Failure, SubmitButton } from "../../components/States.tsx";
import { UpdateList } from "../deal/UpdateList.tsx";

async function postUpdate(id: string, body: string) {
  const { update } = await data(api.deals[":id"].updates.$post({ param: { id }, json: { body } }));
  stale(getUpdates);
  return update;
}

export function UpdateForm(props: { deal: Deal }) {
  const d = () => props.deal;
  const [body, setBody] = createSignal("");
  const posting = mutation(postUpdate);
  const updates = createAsync(() => getUpdates(props.deal.id));
  const length = () => body().trim().length;
  const over = () => length() > LIMITS.updateMax;
  const closed = () => d().status === "failed" || d().status === "cancelled";
  const counts = () => ({ count: formatNumber(length()), max: formatNumber(LIMITS.updateMax) });

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    if (length() === 0 || over()) return;
    if (await posting.run(d().id, body().trim())) setBody("");
  };

  return (
    <section class="panel manage-updates" aria-labelledby="updates-heading">
      <h2 id="updates-heading">{t("manage.updates.title")}</h2>
      <Show when={!closed()} fallback={<p>{t("manage.updates.closed")}</p>}>
        <p class="muted">{t("manage.updates.intro")}</p>
        <form class="update-form" onSubmit={(e) => void submit(e)} novalidate>
          <div class="field">
            <label for="update-body">{t("manage.updates.label")}</label>
            <textarea
              id="update-body"
              rows="5"
              value={body()}
              aria-describedby="update-count"
              aria-invalid={over()}
              onInput={(e) => {
                setBody(e.currentTarget.value);
                if (posting.result || posting.error) posting.clear();
              }}
            />
            <p id="update-count" class="update-form__count" classList={{ "update-form__count--over": over() }}>
              {over() ? t("manage.updates.tooLong", counts()) : t("manage.updates.count", counts())}
            </p>
          </div>
          <SubmitButton
            pending={posting.pending}
            disabled={length() === 0 || over()}
            label={t("manage.updates.post")}
            pendingLabel={t("manage.updates.posting")}
          />
        </form>
        <Show when={posting.result}>
          <p class="notice notice--success" role="status">
            {t("manage.updates.posted")}
          </p>
        </Show>
        <Switch fallback={<Failure error={posting.error} />}>
          <Match when={isApiError(posting.error, "RATE_LIMITED")}>
            <Failure error={t("manage.updates.limit")} />
          </Match>
          <Match when={isApiError(posting.error, "DEAL_CLOSED")}>
            <Failure error={t("manage.updates.closed")} />
          </Match>
        </Switch>
      </Show>
      <h3>{t("manage.updates.past")}</h3>
      <Show when={updates()}>
        {(list) => (
          <Show when={list().length} fallback={<Empty>{t("manage.updates.none")}</Empty>}>
            <UpdateList updates={list()} />
          </Show>
        )}
      </Show>
    </section>
  );
}
