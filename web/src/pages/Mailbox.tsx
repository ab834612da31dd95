// The development mailbox: the emails Quorum "sent", with their links, and a control that moves
// the server's clock forward and runs the sweep. The API answers 404 outside development mode;
// then this page says it is not available.
import { useSearchParams } from "@solidjs/router";
import { createResource, createSignal, For, Match, Show, Switch } from "solid-js";
import { api, data, isApiError } from "../api.ts";
import { hasMessage, t } from "../i18n/index.ts";
import { errorText } from "../errors.ts";
import { formatDuration, formatMoment } from "../format.ts";
import { Async, Empty, PageHeading } from "../components/States.tsx";
import { usePageTitle } from "../title.ts";

const isWebLink = (href: string) => /^https?:\/\//i.test(href);

export default function Mailbox() {
  usePageTitle(() => t("mailbox.title"));
  const [params, setParams] = useSearchParams<{ to?: string }>();
  const [filter, setFilter] = createSignal(params.to ?? "");
  const [mail, { refetch }] = createResource(
    () => ({ to: params.to || undefined }),
    ({ to }) => data(api.dev.mailbox.$get({ query: to ? { to } : {} })),
  );

  const kindLabel = (kind: string) => {
    const key = `mailbox.kind.${kind}`;
    return hasMessage(key) ? t(key) : t("mailbox.kind.unknown");
  };

  return (
    <section>
      <PageHeading>{t("mailbox.title")}</PageHeading>
      <Switch>
        <Match when={mail.state === "errored" && isApiError(mail.error, "NOT_FOUND")}>
          <div class="panel narrow">
            <h2>{t("mailbox.unavailable.title")}</h2>
            <p>{t("mailbox.unavailable")}</p>
          </div>
        </Match>
        <Match when={true}>
          <p class="lead">{t("mailbox.intro")}</p>
          <div class="mailbox-layout">
            <div>
              <form
                class="toolbar"
                role="search"
                onSubmit={(e) => {
                  e.preventDefault();
                  setParams({ to: filter().trim() || undefined });
                }}
              >
                <div class="field">
                  <label for="mailbox-to">{t("mailbox.filter")}</label>
                  <input id="mailbox-to" type="email" value={filter()} onInput={(e) => setFilter(e.currentTarget.value)} />
                </div>
                <button type="submit" class="button">
                  {t("mailbox.filterSubmit")}
                </button>
                <Show when={params.to}>
                  <button
                    type="button"
                    class="button button--secondary"
                    onClick={() => {
                      setFilter("");
                      setParams({ to: undefined });
                    }}
                  >
                    {t("mailbox.filterClear")}
                  </button>
                </Show>
                <button type="button" class="button button--secondary" onClick={() => void refetch()}>
                  {t("mailbox.refresh")}
                </button>
              </form>

              <Async resource={mail} retry={refetch}>
                {(box) => (
                  <Show
                    when={box().items.length}
                    fallback={
                      <Empty>
                        <p>{t("mailbox.empty")}</p>
                      </Empty>
                    }
                  >
                    <ol class="mails">
                      <For each={box().items}>
                        {(m) => (
                          <li>
                            <article class="mail panel" aria-labelledby={`mail-${m.id}`}>
                              <p class="mail__meta">
                                <span class="tag">{kindLabel(m.kind)}</span>
                                <span>{t("mailbox.to", { to: m.to })}</span>
                                <time datetime={m.createdAt}>{formatMoment(m.createdAt)}</time>
                              </p>
                              <h2 class="mail__subject" id={`mail-${m.id}`}>
                                {m.subject}
                              </h2>
                              <pre class="mail__text">{m.text}</pre>
                              <Show when={m.links.filter(isWebLink).length}>
                                <h3 class="mail__links-title">{t("mailbox.links")}</h3>
                                <ul class="mail__links">
                                  <For each={m.links.filter(isWebLink)}>
                                    {(href) => (
                                      <li>
                                        {/* A full page load, as when the link is opened from an email. */}
                                        <a href={href} rel="external">
                                          {href}
                                        </a>
                                      </li>
                                    )}
                                  </For>
                                </ul>
                              </Show>
                            </article>
                          </li>
                        )}
                      </For>
                    </ol>
                  </Show>
                )}
              </Async>
            </div>
            <ClockControl onSwept={() => void refetch()} />
          </div>
        </Match>
      </Switch>
    </section>
  );
}

function ClockControl(props: { onSwept: () => void }) {
  const [clock, { mutate }] = createResource(() => data(api.dev.clock.$get()));
  const [hours, setHours] = createSignal(24);
  const [busy, setBusy] = createSignal(false);
  const [result, setResult] = createSignal<string | null>(null);
  const [failure, setFailure] = createSignal<string | null>(null);

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setFailure(null);
    try {
      await action();
    } catch (e) {
      setFailure(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const setOffset = (offsetMs: number) =>
    run(async () => {
      mutate(await data(api.dev.clock.$post({ json: { offsetMs } })));
    });
  const sweep = () =>
    run(async () => {
      const r = await data(api.dev.sweep.$post());
      setResult(t("mailbox.sweep.done", { failed: r.failed, sent: r.sent }));
      props.onSwept();
    });
  const offsetText = (ms: number) => formatDuration(0, ms, ["year", "month", "day", "hour", "minute", "second"]) || "0";

  return (
    <aside class="panel clock" aria-labelledby="clock-heading">
      <h2 id="clock-heading">{t("mailbox.clock.title")}</h2>
      <Show when={clock.state === "ready" && clock.latest}>
        {(c) => (
          <>
            <p>{t("mailbox.clock.now", { time: formatMoment(c().now) })}</p>
            <p class="muted">
              {c().offsetMs > 0 ? t("mailbox.clock.ahead", { offset: offsetText(c().offsetMs) }) : t("mailbox.clock.real")}
            </p>
          </>
        )}
      </Show>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const h = hours();
          if (Number.isFinite(h) && h > 0) void setOffset((clock.state === "ready" ? clock.latest.offsetMs : 0) + Math.round(h * 3_600_000));
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
          <button type="button" class="button button--secondary" disabled={busy()} onClick={() => void setOffset(0)}>
            {t("mailbox.clock.reset")}
          </button>
        </div>
      </form>
      <button type="button" class="button button--block" disabled={busy()} onClick={() => void sweep()}>
        {t("mailbox.sweep")}
      </button>
      <p role="status" class="form-status">
        {result()}
      </p>
      <Show when={failure()}>
        <p class="notice notice--error" role="alert">
          {failure()}
        </p>
      </Show>
    </aside>
  );
}
