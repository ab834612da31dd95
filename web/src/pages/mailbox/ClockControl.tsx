// Development mode's clock: how far the server's clock runs ahead, moving it on by some hours or
// back to real time, and running the deadline sweep and the outbox dispatch now.
import { createAsync } from "@solidjs/router";
import { createSignal, Show, Suspense } from "solid-js";
import { api, data } from "../../api.ts";
import { mutation, put, stale } from "../../data.ts";
import { getClock, getMailbox } from "./reads.ts";
import { t } from "../../i18n/index.ts";
import { formatDuration, formatMoment } from "../../format.ts";
import { Failure } from "../../components/States.tsx";

async function moveClock(offsetMs: number) {
  const clock = await data(api.dev.clock.$post({ json: { offsetMs } }));
  await put(getClock, [], clock);
  return clock;
}

async function sweep() {
  const done = await data(api.dev.sweep.$post());
  stale(getMailbox);
  return done;
}

export function ClockControl() {
  const clock = createAsync(() => getClock());
  const [hours, setHours] = createSignal(24);
  const moving = mutation(moveClock);
  const sweeping = mutation(sweep);
  const busy = () => moving.pending || sweeping.pending;
  const offsetText = (ms: number) =>
    formatDuration(0, ms, ["year", "month", "day", "hour", "minute", "second"]) || "0";

  return (
    <aside class="panel clock" aria-labelledby="clock-heading">
      <h2 id="clock-heading">{t("mailbox.clock.title")}</h2>
      <Suspense>
        <Show when={clock()}>
          {(c) => (
            <>
              <p>{t("mailbox.clock.now", { time: formatMoment(c().now) })}</p>
              <p class="muted">
                {c().offsetMs > 0 ? t("mailbox.clock.ahead", { offset: offsetText(c().offsetMs) }) : t("mailbox.clock.real")}
              </p>
            </>
          )}
        </Show>
      </Suspense>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const h = hours();
          if (Number.isFinite(h) && h > 0) void moving.run((clock.latest?.offsetMs ?? 0) + Math.round(h * 3_600_000));
        }}
      >
        <div class="field">
          <label for="clock-hours">{t("mailbox.clock.hours")}</label>
          <input
            id="clock-hours"
            type="number"
            min="1"
            max="9600"
            step="1"
            value={hours()}
            onInput={(e) => setHours(e.currentTarget.valueAsNumber)}
          />
        </div>
        <div class="button-row">
          <button type="submit" class="button" disabled={busy()}>
            {t("mailbox.clock.move")}
          </button>
          <button type="button" class="button button--secondary" disabled={busy()} onClick={() => void moving.run(0)}>
            {t("mailbox.clock.reset")}
          </button>
        </div>
      </form>
      <button type="button" class="button button--block" disabled={busy()} onClick={() => void sweeping.run()}>
        {t("mailbox.sweep")}
      </button>
      <p role="status" class="form-status">
        <Show when={sweeping.result}>{(r) => t("mailbox.sweep.done", { failed: r().failed, sent: r().sent })}</Show>
      </p>
      <Failure error={moving.error ?? sweeping.error} />
    </aside>
  );
}
