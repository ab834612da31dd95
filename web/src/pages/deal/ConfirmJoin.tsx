// The question before seats bind at once: joining a deal that is already confirmed. It comes
// with the join form (later.ts), and asks only on a confirmed deal.
import { t, tp } from "../../i18n/index.ts";
import { ConfirmDialog } from "../../components/ConfirmDialog.tsx";

export function ConfirmJoin(props: { open: boolean; seats: number; total: string; busy: boolean; onConfirm: () => void; onClose: () => void }) {
  return (
    <ConfirmDialog
      open={props.open}
      title={t("deal.confirmJoin.title")}
      text={t("deal.confirmJoin.text", { price: props.total })}
      confirmLabel={tp("deal.join.submit", props.seats)}
      cancelLabel={t("deal.confirmJoin.cancel")}
      busy={props.busy}
      onConfirm={() => props.onConfirm()}
      onClose={() => props.onClose()}
    />
  );
}
