// The deal's facts: the time left, the deadline, and for a trip the destination and the dates.
import { Show } from "solid-js";
import type { Deal } from "../../api.ts";
import { t } from "../../i18n/index.ts";
import { formatMoment } from "../../format.ts";
import { formatDays } from "./dates.ts";

export function DealFacts(props: { deal: Deal; timeLeft: string | null }) {
  const d = () => props.deal;
  // "Time left" is the label: the value is the time alone, or why there is none.
  const noTimeLeft = () => (d().status === "cancelled" ? t("status.cancelled") : t("deal.ended"));
  return (
    <dl class="facts deal__facts">
      <div>
        <dt>{t("deal.timeLeft")}</dt>
        <dd class="countdown">{props.timeLeft ?? noTimeLeft()}</dd>
      </div>
      <div>
        <dt>{t("deal.deadline")}</dt>
        <dd>
          <time datetime={d().deadline}>{formatMoment(d().deadline)}</time>
        </dd>
      </div>
      <Show when={d().destination}>
        <div>
          <dt>{t("deal.destination")}</dt>
          <dd>{d().destination}</dd>
        </div>
      </Show>
      <Show when={d().departsOn}>
        {(from) => (
          <div>
            <dt>{t("deal.dates")}</dt>
            <dd>{formatDays(from(), d().returnsOn)}</dd>
          </div>
        )}
      </Show>
    </dl>
  );
}
