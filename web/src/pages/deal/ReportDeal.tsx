// "Report this deal", for signed-in visitors who did not propose it: a small modal form with the
// reason (1 to 1,000 characters), sent to the administrators (POST /api/deals/:id/report).
import { createSignal, createUniqueId, Show } from "solid-js";
import { api, data } from "../../api.ts";
import { mutation } from "../../data.ts";
import { t } from "../../i18n/index.ts";
import { Field } from "../../components/Field.tsx";
import { Failure, SubmitButton } from "../../components/States.tsx";

const REASON_MAX = 1000;

const sendReport = (id: string, reason: string) => data(api.deals[":id"].report.$post({ param: { id }, json: { reason } }));

export function ReportDeal(props: { dealId: string }) {
  let dialog: HTMLDialogElement | undefined;
  const id = createUniqueId();
  const [reason, setReason] = createSignal("");
  const [tooShort, setTooShort] = createSignal(false);
  const reporting = mutation(sendReport);

  const open = () => {
    reporting.clear();
    setTooShort(false);
    dialog?.showModal?.();
  };
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    if (!reason().trim()) return setTooShort(true);
    if (await reporting.run(props.dealId, reason().trim())) setReason("");
  };

  return (
    <>
      <button type="button" class="button button--link report-button" onClick={open}>
        {t("report.open")}
      </button>
      <dialog ref={(el) => (dialog = el)} class="dialog" aria-labelledby={`${id}-title`}>
        <h2 id={`${id}-title`}>{t("report.title")}</h2>
        <Show
          when={!reporting.result}
          fallback={
            <>
              <p role="status">{t("report.sent")}</p>
              <div class="dialog__actions">
                <button type="button" class="button" autofocus onClick={() => dialog?.close()}>
                  {t("report.close")}
                </button>
              </div>
            </>
          }
        >
          <form onSubmit={(e) => void submit(e)} novalidate>
            <Field label={t("report.reason")} hint={t("report.hint")} error={tooShort() ? t("report.empty") : null}>
              {(f) => (
                <textarea
                  id={f.id}
                  aria-describedby={f.describedBy}
                  aria-invalid={f.invalid}
                  required
                  rows="4"
                  maxlength={REASON_MAX}
                  value={reason()}
                  onInput={(e) => {
                    setReason(e.currentTarget.value);
                    setTooShort(false);
                  }}
                />
              )}
            </Field>
            <Failure error={reporting.error} />
            <div class="dialog__actions">
              <button type="button" class="button button--secondary" onClick={() => dialog?.close()}>
                {t("report.cancel")}
              </button>
              <SubmitButton pending={reporting.pending} label={t("report.send")} pendingLabel={t("report.sending")} />
            </div>
          </form>
        </Show>
      </dialog>
    </>
  );
}
