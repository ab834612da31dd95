// The deal's facts: the time left, the deadline, and for a trip the destination and the dates.
import { Show } from "solid-js";
import type { Deal } from "../../api.ts";
import { t } from "../../i18n/index.ts";
import { formatDay, formatMoment } from "../../format.ts";

export function DealFacts(props: { deal: Deal; timeLeft: string | null }) {
  const d = () => props.deal;
  return (
    <dl class="facts deal__facts">
      <div>
        <dt>{t("deal.timeLeft")}</dt>
        <dd class="countdown">
          <Show when={props.timeLeft} fallback={t("deal.ended")}>
            {(left) => t("deal.countdown", { time: left() })}
          </Show>
        </dd>
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
            <dd>
              <Show when={d().returnsOn} fallback={formatDay(from())}>
                {(to) => t("deal.dateRange", { from: formatDay(from()), to: formatDay(to()) })}
              </Show>
            </dd>
          </div>
        )}
      </Show>
    </dl>
  );
}
