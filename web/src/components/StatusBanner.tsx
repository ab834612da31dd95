// The deal's state in words: open, confirmed, in grace (with its figures and until when), failed
// or cancelled. A live region, so a change
// that arrives over the event stream is announced.
import { Match, Switch } from "solid-js";
import type { Deal } from "../api.ts";
import { t, tp } from "../i18n/index.ts";
import { formatMoment } from "../format.ts";

/** The grace figures are needed only in grace. */
interface BannerDeal extends Pick<Deal, "status" | "threshold"> {
  seatsCommitted?: number;
  softThreshold?: number | null;
  graceEndsAt?: string | null;
}

export function StatusBanner(props: { deal: BannerDeal }) {
  return (
    <div class={`banner banner--${props.deal.status}`} role="status" aria-live="polite">
      <strong class="banner__label">{t(`status.${props.deal.status}`)}</strong>
      <span>
        <Switch>
          <Match when={props.deal.status === "open"}>{tp("banner.open", props.deal.threshold)}</Match>
          <Match when={props.deal.status === "confirmed"}>{t("banner.confirmed")}</Match>
          <Match when={props.deal.status === "grace"}>
            {t("banner.grace", {
              committed: props.deal.seatsCommitted ?? 0,
              count: props.deal.threshold,
              soft: props.deal.softThreshold ?? 0,
              until: props.deal.graceEndsAt ? formatMoment(props.deal.graceEndsAt) : "",
            })}
          </Match>
          <Match when={props.deal.status === "failed"}>{t("banner.failed")}</Match>
          <Match when={props.deal.status === "cancelled"}>{t("banner.cancelled")}</Match>
        </Switch>
      </span>
    </div>
  );
}
