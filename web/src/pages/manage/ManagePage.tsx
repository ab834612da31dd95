// The initiator's view of a deal: its progress, editing it (the propose form, reused), the
// totals, the participant list with a CSV download and removal, and cancelling it while it is
// open or in grace. Only the initiator may read the participants.
import { A, createAsync, useParams } from "@solidjs/router";
import { createSignal, lazy, Match, Show, Suspense, Switch } from "solid-js";
import { isApiError, type Deal } from "../../api.ts";
import { getDeal, mutation } from "../../data.ts";
import { getParticipants } from "./reads.ts";
import { loadAreaMessages, t } from "../../i18n/index.ts";
import { user } from "../../session.ts";
import { ConfirmDialog } from "../../components/ConfirmDialog.tsx";
import { Progress } from "../../components/Progress.tsx";
import { StatusBanner } from "../../components/StatusBanner.tsx";
import { ErrorState, Failure, Loaded, Loading, PageHeading, SignInFirst, usePageTitle } from "../../components/States.tsx";
import { ParticipantTable, type Participant } from "./ParticipantTable.tsx";
import { ManageTotals } from "./ManageTotals.tsx";
import { createRemoval } from "./RemoveParticipant.tsx";
import { UpdateForm } from "./UpdateForm.tsx";
import { PaymentCounts } from "./PaymentCounts.tsx";
import { cancelDeal } from "../deal/actions.ts";

// The edit form is the proposal form with its validation (zod/mini): it loads after the page, so
// the participants and the update form show first.
// The edit form says the propose form's words: their catalogue part comes with it.
const ProposeForm = lazy(() =>
  Promise.all([import("../propose/ProposeForm.tsx"), loadAreaMessages("propose")]).then(([m]) => ({ default: m.ProposeForm })),
);

export default function ManagePage() {
  const params = useParams<{ id: string }>();
  return (
    <section>
      <Show
        when={user()}
        fallback={
          <div class="narrow">
            <PageHeading>{t("manage.title")}</PageHeading>
            <SignInFirst next={`/deals/${params.id}/manage`} />
          </div>
        }
      >
        <Loaded error={(e, retry) => <Refused id={params.id} error={e} retry={retry} />}>
          <Manage id={params.id} />
        </Loaded>
      </Show>
    </section>
  );
}

function Refused(props: { id: string; error: unknown; retry: () => void }) {
  usePageTitle(() => t("manage.title"));
  return (
    <div class="narrow">
      <PageHeading>{t("manage.title")}</PageHeading>
      <Switch fallback={<ErrorState error={props.error} retry={props.retry} />}>
        <Match when={isApiError(props.error, "FORBIDDEN")}>
          <p class="notice notice--error">{t("manage.forbidden")}</p>
          <A href={`/deals/${props.id}`}>{t("manage.back")}</A>
        </Match>
        <Match when={isApiError(props.error, "DEAL_NOT_FOUND") || isApiError(props.error, "NOT_FOUND")}>
          <p>{t("deal.notFound.text")}</p>
        </Match>
      </Switch>
    </div>
  );
}

function Manage(props: { id: string }) {
  const deal = createAsync(() => getDeal(props.id));
  const participants = createAsync(() => getParticipants(props.id));
  usePageTitle(() => (deal() ? `${t("manage.title")}: ${deal()!.title}` : t("manage.title")));
  return (
    <Show when={participants() && deal()}>
      {(d) => <ManageView deal={d()} participants={participants()!} />}
    </Show>
  );
}

function ManageView(props: { deal: Deal; participants: Participant[] }) {
  const d = () => props.deal;
  const [asking, setAsking] = createSignal(false);
  const cancelling = mutation(cancelDeal);
  let participantsHeading: HTMLHeadingElement | undefined;
  const removal = createRemoval(d, () => participantsHeading);

  const confirm = async () => {
    await cancelling.run(d().id);
    setAsking(false);
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

      <ManageTotals deal={d()} participants={props.participants} />

      <UpdateForm deal={d()} />

      <section class="manage-edit" aria-labelledby="edit-heading">
        <h2 id="edit-heading">{t("manage.edit")}</h2>
        <Show when={d().status !== "failed" && d().status !== "cancelled"} fallback={<p class="muted">{t("manage.edit.closed")}</p>}>
          <Suspense fallback={<Loading />}>
            <ProposeForm editing={d()} />
          </Suspense>
        </Show>
      </section>

      <PaymentCounts participants={props.participants} />
      <ParticipantTable
        dealId={d().id}
        participants={props.participants}
        action={removal.button}
        headingRef={(el) => (participantsHeading = el)}
        status={removal.view()}
      />

      <Show when={cancelling.result}>
        <p class="notice notice--success" role="status">
          {t("manage.cancelled")}
        </p>
      </Show>
      <Failure error={cancelling.error} />
      <Show when={(d().status === "open" && d().joinable) || d().status === "grace"}>
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
        busy={cancelling.pending}
        danger
        onConfirm={() => void confirm()}
        onClose={() => setAsking(false)}
      />
    </>
  );
}
