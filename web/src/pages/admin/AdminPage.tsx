// The administrators' page (/admin): the reports, newest first, each with its deal and reporter
// and the two actions (hide the deal, block its initiator), each asked about first; and the log
// of every moderation action. Anyone else is told the page is not for them.
import { A, createAsync } from "@solidjs/router";
import { createSignal, For, Match, Show, Switch } from "solid-js";
import { api, data, isApiError } from "../../api.ts";
import { getDealList, mutation, stale } from "../../data.ts";
import { getAdminActions, getAdminReports } from "./reads.ts";
import { t } from "../../i18n/index.ts";
import { formatMoment, relative } from "../../format.ts";
import { user } from "../../session.ts";
import { ConfirmDialog } from "../../components/ConfirmDialog.tsx";
import { ErrorState, Failure, Listing, Loaded, PageHeading, SignInFirst, usePageTitle } from "../../components/States.tsx";

type Report = Awaited<ReturnType<typeof getAdminReports>>[number];
type Asking = { kind: "hide" | "block"; report: Report } | null;

async function moderate(kind: "hide" | "block", report: Report) {
  if (kind === "hide") await data(api.admin.deals[":id"].hide.$post({ param: { id: report.deal.id } }));
  else await data(api.admin.users[":id"].block.$post({ param: { id: report.deal.initiator.id } }));
  stale(getAdminReports, getAdminActions, getDealList);
  return kind === "hide" ? t("admin.done.hide") : t("admin.done.block", { name: report.deal.initiator.displayName });
}

export default function AdminPage() {
  usePageTitle(() => t("admin.title"));
  return (
    <section>
      <PageHeading>{t("admin.title")}</PageHeading>
      <Show when={user()} fallback={<SignInFirst next="/admin" />}>
        <Loaded
          error={(e, retry) => (
            <Switch fallback={<ErrorState error={e} retry={retry} />}>
              <Match when={isApiError(e, "FORBIDDEN") || isApiError(e, "NOT_FOUND")}>
                <p class="notice notice--error">{t("admin.forbidden")}</p>
              </Match>
            </Switch>
          )}
        >
          <Moderation />
        </Loaded>
      </Show>
    </section>
  );
}

function Moderation() {
  const reports = createAsync(() => getAdminReports());
  const actions = createAsync(() => getAdminActions());
  const [asking, setAsking] = createSignal<Asking>(null);
  const acting = mutation(moderate);
  const confirm = async () => {
    const a = asking();
    if (a) await acting.run(a.kind, a.report);
    setAsking(null);
  };
  const dialogText = () => {
    const a = asking();
    if (!a) return { title: "", text: "", confirm: "" };
    return a.kind === "hide"
      ? { title: t("admin.hide.title", { title: a.report.deal.title }), text: t("admin.hide.text"), confirm: t("admin.hide.confirm") }
      : {
          title: t("admin.block.title", { name: a.report.deal.initiator.displayName }),
          text: t("admin.block.text"),
          confirm: t("admin.block.confirm"),
        };
  };

  return (
    <div class="admin-layout">
      <section aria-labelledby="reports-heading">
        <h2 id="reports-heading">{t("admin.reports")}</h2>
        <Show when={acting.result}>
          {(done) => (
            <p class="notice notice--success" role="status">
              {done()}
            </p>
          )}
        </Show>
        <Failure error={acting.error} />
        <Listing items={reports() ?? []} empty={<p>{t("admin.reports.empty")}</p>}>
          <ul class="list">
            <For each={reports()}>
              {(r) => (
                <li class="list__item report">
                  <p class="report__deal">
                    <A href={`/deals/${r.deal.id}`}>{r.deal.title}</A>{" "}
                    <span class={`pill pill--${r.deal.status}`}>{t(`status.${r.deal.status}`)}</span>{" "}
                    <Show when={r.deal.hiddenAt}>
                      <span class="tag">{t("admin.hidden")}</span>
                    </Show>
                  </p>
                  <p class="muted">
                    {t("admin.deal.by", { name: r.deal.initiator.displayName })}{" "}
                    <Show when={r.deal.initiator.blockedAt}>
                      <span class="tag">{t("admin.blocked")}</span>
                    </Show>
                  </p>
                  <blockquote class="report__reason">{r.reason}</blockquote>
                  <p class="muted">
                    {t("admin.report.by", { name: r.reporter.displayName })},{" "}
                    <time datetime={r.createdAt} title={formatMoment(r.createdAt)}>
                      {relative(r.createdAt)}
                    </time>
                  </p>
                  <div class="button-row">
                    <button
                      type="button"
                      class="button button--secondary"
                      disabled={!!r.deal.hiddenAt || acting.pending}
                      onClick={() => setAsking({ kind: "hide", report: r })}
                    >
                      {t("admin.hide")}
                    </button>
                    <button
                      type="button"
                      class="button button--danger"
                      disabled={!!r.deal.initiator.blockedAt || acting.pending}
                      onClick={() => setAsking({ kind: "block", report: r })}
                    >
                      {t("admin.block", { name: r.deal.initiator.displayName })}
                    </button>
                  </div>
                </li>
              )}
            </For>
          </ul>
        </Listing>
      </section>

      <section aria-labelledby="actions-heading">
        <h2 id="actions-heading">{t("admin.actions")}</h2>
        <Listing items={actions() ?? []} empty={<p>{t("admin.actions.empty")}</p>}>
          <ol class="list action-log">
            <For each={actions()}>
              {(a) => (
                <li class="list__item">
                  <p>
                    {t(`admin.action.${a.action}`, { admin: a.admin.displayName, target: a.targetName ?? t("admin.action.unknownTarget") })}
                  </p>
                  <p class="muted">
                    <time datetime={a.createdAt}>{formatMoment(a.createdAt)}</time>
                    <Show when={a.note === "initiator-blocked"}> · {t("admin.action.note.initiator-blocked")}</Show>
                  </p>
                </li>
              )}
            </For>
          </ol>
        </Listing>
      </section>

      <ConfirmDialog
        open={asking() !== null}
        title={dialogText().title}
        text={dialogText().text}
        confirmLabel={dialogText().confirm}
        cancelLabel={t("admin.keep")}
        busy={acting.pending}
        danger
        onConfirm={() => void confirm()}
        onClose={() => setAsking(null)}
      />
    </div>
  );
}
