// "Your data" on My deals: download everything Quorum holds about me, or delete my account,
// after a dialog that says what goes, what stays under "Former member", and why.
import { A, useNavigate } from "@solidjs/router";
import { createSignal } from "solid-js";
import { mutation } from "../../data.ts";
import { t } from "../../i18n/index.ts";
import { ConfirmDialog } from "../../components/ConfirmDialog.tsx";
import { Failure } from "../../components/States.tsx";
import { deleteAccount, exportUrl } from "./account.ts";

export function YourData() {
  const navigate = useNavigate();
  const deleting = mutation(deleteAccount);
  const [asking, setAsking] = createSignal(false);

  const confirm = async () => {
    await deleting.run();
    if (deleting.error) return;
    setAsking(false);
    navigate("/", { state: { accountDeleted: true } });
  };

  return (
    <section class="panel your-data" id="your-data" aria-labelledby="your-data-heading">
      <h2 id="your-data-heading">{t("me.data.heading")}</h2>
      <p class="muted">{t("me.data.text")}</p>
      <p>
        <a href={exportUrl} download="" class="button button--secondary">
          {t("me.data.download")}
        </a>
      </p>
      <p>
        <A href="/privacy">{t("me.data.privacy")}</A>
      </p>
      <button type="button" class="button button--danger" onClick={() => setAsking(true)}>
        {t("me.delete")}
      </button>
      <Failure error={asking() ? undefined : deleting.error} />
      <ConfirmDialog
        open={asking()}
        title={t("me.delete.title")}
        text={t("me.delete.text")}
        confirmLabel={t("me.delete")}
        cancelLabel={t("me.delete.keep")}
        busy={deleting.pending}
        danger
        onConfirm={() => void confirm()}
        onClose={() => setAsking(false)}
      >
        <p>{t("me.delete.gone")}</p>
        <p>{t("me.delete.stays")}</p>
        <Failure error={deleting.error} />
      </ConfirmDialog>
    </section>
  );
}
