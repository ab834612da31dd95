// A deal in grace: what happens next and until when, and what each viewer may do about it. A
// participant may withdraw; the initiator may go ahead (once, with a message to everyone) or
// cancel. Each asks first.
import { createSignal, Show } from "solid-js";
import type { Deal } from "../../api.ts";
import { mutation } from "../../data.ts";
import { t } from "../../i18n/index.ts";
import { formatMoment } from "../../format.ts";
import { ConfirmDialog } from "../../components/ConfirmDialog.tsx";
import { Field } from "../../components/Field.tsx";
import { Failure } from "../../components/States.tsx";
import { cancelDeal, goAheadDeal, withdrawDeal } from "./actions.ts";

type Asking = "withdraw" | "goAhead" | "cancel" | null;

/** GoAheadBody's limit (LIMITS.descriptionMax): fields.ts would bring zod onto the deal page. */
const MESSAGE_MAX = 5_000;

export function GracePanel(props: { deal: Deal }) {
  const d = () => props.deal;
  const [asking, setAsking] = createSignal<Asking>(null);
  const [message, setMessage] = createSignal("");
  const [tried, setTried] = createSignal(false);
  const withdrawing = mutation(withdrawDeal);
  const goingAhead = mutation(goAheadDeal);
  const cancelling = mutation(cancelDeal);
  const vars = () => ({ soft: d().softThreshold ?? 0, until: d().graceEndsAt ? formatMoment(d().graceEndsAt!) : "" });
  // The textarea's maxlength keeps the message within the limit; empty is the only mistake left.
  const messageError = () => (tried() && !message().trim() ? t("validation.required") : null);

  const askGoAhead = () => {
    setTried(true);
    if (!messageError()) setAsking("goAhead");
  };
  const confirm = async () => {
    const which = asking();
    if (which === "withdraw") await withdrawing.run(d().id);
    if (which === "goAhead") await goingAhead.run(d().id, message().trim());
    if (which === "cancel") await cancelling.run(d().id);
    setAsking(null);
  };
  const dialog = () => {
    const which = asking();
    if (which === "withdraw") return { text: t("grace.withdraw.confirm"), busy: withdrawing.pending, danger: true };
    if (which === "cancel") return { text: t("grace.cancel.confirm"), busy: cancelling.pending, danger: true };
    return { text: t("grace.goAhead.confirm"), busy: goingAhead.pending, danger: false };
  };
  const title = () => {
    const which = asking();
    return which === "withdraw" ? t("grace.withdraw") : which === "cancel" ? t("grace.cancel") : t("grace.goAhead");
  };

  return (
    <section class="panel grace" aria-labelledby="grace-heading">
      <h2 id="grace-heading">{t("grace.title")}</h2>
      <p>
        {d().goAheadAt
          ? t("banner.grace.decided", vars())
          : t(d().viewerIsInitiator ? "banner.grace.initiator" : "banner.grace.next", vars())}
      </p>

      <Show when={d().viewerCommitment && !d().viewerIsInitiator}>
        <div class="grace__actions">
          <button type="button" class="button button--secondary" onClick={() => setAsking("withdraw")}>
            {t("grace.withdraw")}
          </button>
        </div>
      </Show>

      <Show when={d().viewerIsInitiator}>
        <Show when={!d().goAheadAt}>
          <Field label={t("grace.goAhead.message")} error={messageError()}>
            {(a) => (
              <textarea
                id={a.id}
                aria-describedby={a.describedBy}
                aria-invalid={a.invalid}
                maxlength={MESSAGE_MAX}
                value={message()}
                onInput={(e) => setMessage(e.currentTarget.value)}
              />
            )}
          </Field>
        </Show>
        <div class="grace__actions">
          <Show when={!d().goAheadAt}>
            <button type="button" class="button" onClick={askGoAhead}>
              {t("grace.goAhead")}
            </button>
          </Show>
          <button type="button" class="button button--danger" onClick={() => setAsking("cancel")}>
            {t("grace.cancel")}
          </button>
        </div>
      </Show>

      <Failure error={withdrawing.error ?? goingAhead.error ?? cancelling.error} />
      <ConfirmDialog
        open={asking() !== null}
        title={title()}
        text={dialog().text}
        confirmLabel={t("grace.confirmYes")}
        cancelLabel={t("grace.confirmNo")}
        busy={dialog().busy}
        danger={dialog().danger}
        onConfirm={() => void confirm()}
        onClose={() => setAsking(null)}
      />
    </section>
  );
}
