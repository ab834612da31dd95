// The initiator's view: the participant list, a CSV download, and cancelling an open deal.
import { A, useParams } from "@solidjs/router";
import { createResource, createSignal, For, Match, Show, Switch } from "solid-js";
import { api, data, isApiError, type Deal } from "../api.ts";
import { t } from "../i18n/index.ts";
import { errorText } from "../errors.ts";
import { formatMoment } from "../format.ts";
import { user } from "../session.ts";
import { ConfirmDialog } from "../components/ConfirmDialog.tsx";
import { Progress } from "../components/Progress.tsx";
import { StatusBanner } from "../components/StatusBanner.tsx";
import { Async, Empty, ErrorState, PageHeading } from "../components/States.tsx";
import { usePageTitle } from "../title.ts";

export default function Manage() {
  const params = useParams<{ id: string }>();
  const [deal, setDeal] = createSignal<Deal | null>(null);
  const [view, { refetch }] = createResource(
    () => (user() ? params.id : null),
    async (id) => {
      const [d, p] = await Promise.all([
        data(api.deals[":id"].$get({ param: { id } })),
        data(api.deals[":id"].participants.$get({ param: { id }, query: { format: "json" } })),
      ]);
      setDeal(d.deal);
      // The route also answers text/csv; asked for JSON, it gives { items }.
      return typeof p === "object" && "items" in p ? p.items : [];
    },
  );
  usePageTitle(() => (deal() ? `${t("manage.title")}: ${deal()!.title}` : t("manage.title")));

  return (
    <section>
      <Show
        when={user()}
        fallback={
          <div class="narrow">
            <PageHeading>{t("manage.title")}</PageHeading>
            <div class="panel">
              <p>{t("common.signInFirst")}</p>
              <A href={`/sign-in?next=${encodeURIComponent(`/deals/${params.id}/manage`)}`} class="button">
                {t("common.signIn")}
              </A>
            </div>
          </div>
        }
      >
        <Async
          resource={view}
          retry={refetch}
          error={(e) => (
            <div class="narrow">
              <PageHeading>{t("manage.title")}</PageHeading>
              <Switch fallback={<ErrorState error={e} retry={refetch} />}>
                <Match when={isApiError(e, "FORBIDDEN")}>
                  <p class="notice notice--error">{t("manage.forbidden")}</p>
                  <A href={`/deals/${params.id}`}>{t("manage.back")}</A>
                </Match>
                <Match when={isApiError(e, "DEAL_NOT_FOUND") || isApiError(e, "NOT_FOUND")}>
                  <p>{t("deal.notFound.text")}</p>
                </Match>
              </Switch>
            </div>
          )}
        >
          {(participants) => (
            <Show when={deal()}>{(d) => <ManageView deal={d()} participants={participants()} onChange={setDeal} />}</Show>
          )}
        </Async>
      </Show>
    </section>
  );
}

type Participants = { displayName: string; email: string; seats: number; status: "active" | "waitlisted" | "withdrawn"; createdAt: string }[];

function ManageView(props: { deal: Deal; participants: Participants; onChange: (d: Deal) => void }) {
  const d = () => props.deal;
  const [asking, setAsking] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [failure, setFailure] = createSignal<string | null>(null);
  const [cancelled, setCancelled] = createSignal(false);

  const cancel = async () => {
    setBusy(true);
    setFailure(null);
    try {
      props.onChange((await data(api.deals[":id"].cancel.$post({ param: { id: d().id } }))).deal);
      setCancelled(true);
    } catch (e) {
      setFailure(errorText(e));
    } finally {
      setBusy(false);
      setAsking(false);
    }
  };

  return (
    <>
      <p class="deal__kicker">
        <A href={`/deals/${d().id}`}>← {t("manage.back")}</A>
      </p>
      <PageHeading>
        {t("manage.title")}: {d().title}
      </PageHeading>
      <StatusBanner deal={d()} />
      <div class="panel">
        <Progress threshold={d().threshold} capacity={d().capacity} seatsCommitted={d().seatsCommitted} seatsWaitlisted={d().seatsWaitlisted} />
      </div>

      {/* The scrollable table region below carries the name; one landmark per name. */}
      <section>
        <div class="section-head">
          <h2 id="participants-heading">{t("manage.participants")}</h2>
          <a class="button button--secondary" href={`/api/deals/${d().id}/participants?format=csv`} download="">
            {t("manage.csv")}
          </a>
        </div>
        <Show
          when={props.participants.length}
          fallback={
            <Empty>
              <p>{t("manage.empty")}</p>
            </Empty>
          }
        >
          <div class="table-wrap" tabindex="0" role="region" aria-labelledby="participants-heading">
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">{t("manage.col.name")}</th>
                  <th scope="col">{t("manage.col.email")}</th>
                  <th scope="col" class="num">
                    {t("manage.col.seats")}
                  </th>
                  <th scope="col">{t("manage.col.status")}</th>
                  <th scope="col">{t("manage.col.joined")}</th>
                </tr>
              </thead>
              <tbody>
                <For each={props.participants}>
                  {(p) => (
                    <tr>
                      <td>{p.displayName}</td>
                      <td>{p.email}</td>
                      <td class="num">{p.seats}</td>
                      <td>{t(`commitment.${p.status}`)}</td>
                      <td>
                        <time datetime={p.createdAt}>{formatMoment(p.createdAt)}</time>
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </div>
        </Show>
      </section>

      <Show when={cancelled()}>
        <p class="notice notice--success" role="status">
          {t("manage.cancelled")}
        </p>
      </Show>
      <Show when={failure()}>
        <p class="notice notice--error" role="alert">
          {failure()}
        </p>
      </Show>
      <Show when={d().status === "open" && d().joinable}>
        <section class="danger-zone">
          <button type="button" class="button button--danger" onClick={() => setAsking(true)}>
            {t("manage.cancel")}
          </button>
        </section>
      </Show>
      <ConfirmDialog
        open={asking()}
        title={t("manage.cancel.title")}
        text={t("manage.cancel.text")}
        confirmLabel={t("manage.cancel.confirm")}
        cancelLabel={t("manage.cancel.keep")}
        busy={busy()}
        danger
        onConfirm={cancel}
        onClose={() => setAsking(false)}
      />
    </>
  );
}
