// The viewer's own commitment: active or waitlisted (with the place in line), binding once the
// deal is confirmed, binding nobody once it failed or was cancelled, and withdrawing (or leaving
// the waitlist) while the contract's withdrawal rule allows it.
import { createSignal, onMount, Show } from "solid-js";
import type { Deal } from "../../api.ts";
import { withdrawal } from "../../../../api/contract/rules.ts";
import type { Mutation } from "../../data.ts";
import { t, tp } from "../../i18n/index.ts";
import { ConfirmDialog } from "../../components/ConfirmDialog.tsx";
import { Failure } from "../../components/States.tsx";

type Commitment = NonNullable<Deal["viewerCommitment"]>;

export function CommitmentPanel(props: {
  deal: Deal;
  commitment: Commitment;
  now: number;
  withdrawing: Mutation<[id: string], Deal>;
  /** This panel replaced the join form, which had the focus: the focus moves to its heading. */
  justJoined: boolean;
}) {
  const c = () => props.commitment;
  const withdrawing = props.withdrawing;
  const [asking, setAsking] = createSignal(false);
  let heading: HTMLHeadingElement | undefined;

  onMount(() => {
    if (props.justJoined) heading?.focus();
  });

  // A deal that did not go ahead binds nobody: no "You're in", whatever the commitment's status.
  const ended = () => (props.deal.status === "failed" || props.deal.status === "cancelled" ? props.deal.status : null);
  const waitlisted = () => c().status === "waitlisted";

  // In grace the grace panel offers the withdrawal, with what happens next.
  const canWithdraw = () =>
    props.deal.status !== "grace" &&
    withdrawal({ status: props.deal.status, deadline: new Date(props.deal.deadline) }, c().status, props.now) === "allowed";

  const confirm = async () => {
    await withdrawing.run(props.deal.id);
    setAsking(false);
  };

  return (
    <>
      <h2 id="join-heading" tabindex="-1" ref={(el) => (heading = el)}>
        {t("deal.mine.title")}
      </h2>
      <Show
        when={ended()}
        fallback={
          <p role="status" class="notice" classList={{ "notice--warning": c().status === "waitlisted", "notice--success": c().status === "active" }}>
            {c().status === "waitlisted"
              ? tp("deal.mine.waitlisted", c().seats, { position: c().waitlistPosition ?? "?" })
              : c().status === "lapsed"
                ? t("commitment.lapsed")
                : tp("deal.mine.active", c().seats)}
          </p>
        }
      >
        {(status) => (
          <p role="status" class="notice">
            {t(`deal.mine.notBound.${status()}`)}
          </p>
        )}
      </Show>
      <Show when={c().status === "active" && props.deal.status === "confirmed"}>
        <p class="muted">{t("deal.mine.binding")}</p>
      </Show>
      <Show when={c().status === "waitlisted" && props.deal.status === "confirmed"}>
        <p class="muted">{t("deal.terms.waitlistConfirmed")}</p>
      </Show>
      <Show when={canWithdraw()}>
        <button type="button" class="button button--secondary button--block" onClick={() => setAsking(true)}>
          {waitlisted() ? t("deal.leaveWaitlist") : t("deal.withdraw")}
        </button>
      </Show>
      <Failure error={withdrawing.error} />
      <ConfirmDialog
        open={asking()}
        title={waitlisted() ? `${t("deal.leaveWaitlist")}?` : t("deal.withdraw.title")}
        text={waitlisted() ? t("deal.leaveWaitlist.text") : t("deal.withdraw.text")}
        confirmLabel={waitlisted() ? t("deal.leaveWaitlist") : t("deal.withdraw.confirm")}
        cancelLabel={waitlisted() ? t("deal.confirmJoin.cancel") : t("deal.withdraw.keep")}
        busy={withdrawing.pending}
        danger
        onConfirm={() => void confirm()}
        onClose={() => setAsking(false)}
      />
    </>
  );
}
