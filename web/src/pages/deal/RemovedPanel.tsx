// What a participant the initiator removed sees in place of their commitment: that they are out,
// not bound, and cannot join again (the join form would only refuse them).
import { t } from "../../i18n/index.ts";

export function RemovedPanel() {
  return (
    <>
      <h2 id="join-heading">{t("deal.mine.title")}</h2>
      <p role="status" class="notice notice--warning">
        {t("deal.mine.removed")}
      </p>
    </>
  );
}
