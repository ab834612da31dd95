// Removing a participant from the manage page (a fake one, say): a "Remove" button per row, and
// one dialog that asks first, naming the person and their seats and saying what follows (the
// seats freed, the waitlist moving up, an email, no refund by Quorum). Kept apart from the table
// so the table stays a plain list of participants.
import { createSignal, Show, type JSX } from "solid-js";
import { api, data, type Deal } from "../../api.ts";
import { getDealList, getMyProposals, mutation, putDeal, stale } from "../../data.ts";
import { getParticipants } from "./reads.ts";
import { t, tp } from "../../i18n/index.ts";
import { ConfirmDialog } from "../../components/ConfirmDialog.tsx";
import { Failure } from "../../components/States.tsx";
import type { Participant } from "./ParticipantTable.tsx";

async function removeParticipant(id: string, commitmentId: string) {
  const { deal } = await data(api.deals[":id"].commitments[":commitmentId"].$delete({ param: { id, commitmentId } }));
  await putDeal(deal);
  stale(getParticipants, getDealList, getMyProposals);
  return deal;
}

/** While the deal is open, confirmed or in grace (the status the API reads by the clock). */
const removable = (d: Deal) => d.status === "open" || d.status === "confirmed" || d.status === "grace";

export interface Removal {
  /** The row's button; nothing once the deal has ended. */
  button: (p: Participant) => JSX.Element;
  /** The dialog and what the last removal said; placed once, beside the table. */
  view: () => JSX.Element;
}

/** `focusAfter` is where focus goes once the removed row (and its button) is gone. */
export function createRemoval(deal: () => Deal, focusAfter: () => HTMLElement | undefined): Removal {
  const [target, setTarget] = createSignal<Participant | null>(null);
  const [removedName, setRemovedName] = createSignal<string | null>(null);
  const removing = mutation(removeParticipant);

  const confirm = async () => {
    const p = target();
    if (!p) return;
    const done = await removing.run(deal().id, p.id);
    setTarget(null);
    if (done) {
      setRemovedName(p.displayName);
      focusAfter()?.focus();
    }
  };

  const text = (p: Participant) => {
    const vars = { name: p.displayName };
    const seats = p.status === "active" ? tp("manage.remove.active", p.seats, vars) : tp("manage.remove.waitlisted", p.seats, vars);
    return `${seats} ${t("manage.remove.after", vars)}`;
  };

  return {
    button: (p) => (
      <Show when={removable(deal())}>
        <button
          type="button"
          class="button button--secondary button--small button--remove"
          aria-label={t("manage.remove.label", { name: p.displayName })}
          onClick={() => {
            removing.clear();
            setRemovedName(null);
            setTarget(p);
          }}
        >
          {t("manage.remove")}
        </button>
      </Show>
    ),
    view: () => (
      <>
        <Show when={removedName()}>
          {(name) => (
            <p class="notice notice--success" role="status">
              {t("manage.removed", { name: name() })}
            </p>
          )}
        </Show>
        <Failure error={removing.error} />
        <ConfirmDialog
          open={target() !== null}
          title={target() ? t("manage.remove.title", { name: target()!.displayName }) : ""}
          text={target() ? text(target()!) : ""}
          confirmLabel={t("manage.remove.confirm")}
          cancelLabel={t("manage.remove.keep")}
          busy={removing.pending}
          danger
          onConfirm={() => void confirm()}
          onClose={() => setTarget(null)}
        />
      </>
    ),
  };
}
