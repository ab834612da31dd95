// The development mailbox: the emails Quorum "sent", with their links, and a control that moves
// the server's clock forward and runs the sweep. The API answers 404 outside development mode;
// then this page says it is not available.
import { createAsync, revalidate, useSearchParams } from "@solidjs/router";
import { createSignal, For, Show, Suspense } from "solid-js";
import { isApiError } from "../../api.ts";
import { getMailbox } from "./reads.ts";
import { hasMessage, t } from "../../i18n/index.ts";
import { formatMoment } from "../../format.ts";
import { ErrorState, Listing, Loaded, Loading, PageHeading, usePageTitle } from "../../components/States.tsx";
import { ClockControl } from "./ClockControl.tsx";

const isWebLink = (href: string) => /^https?:\/\//i.test(href);

export default function MailboxPage() {
  usePageTitle(() => t("mailbox.title"));
  const [params, setParams] = useSearchParams<{ to?: string }>();
  const [filter, setFilter] = createSignal(params.to ?? "");

  return (
    <section>
      <PageHeading>{t("mailbox.title")}</PageHeading>
      <Loaded error={(e, retry) => (isApiError(e, "NOT_FOUND") ? <Unavailable /> : <ErrorState error={e} retry={retry} />)}>
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
              <button type="button" class="button button--secondary" onClick={() => void revalidate(getMailbox.key)}>
                {t("mailbox.refresh")}
              </button>
            </form>
            <Suspense fallback={<Loading />}>
              <Mails to={params.to || undefined} />
            </Suspense>
          </div>
          <ClockControl />
        </div>
      </Loaded>
    </section>
  );
}

function Unavailable() {
  return (
    <div class="panel narrow">
      <h2>{t("mailbox.unavailable.title")}</h2>
      <p>{t("mailbox.unavailable")}</p>
    </div>
  );
}

function Mails(props: { to: string | undefined }) {
  const box = createAsync(() => getMailbox(props.to));
  const items = () => box()?.items ?? [];
  const kindLabel = (kind: string) => {
    const key = `mailbox.kind.${kind}`;
    return hasMessage(key) ? t(key) : t("mailbox.kind.unknown");
  };
  return (
    <Listing items={items()} empty={<p>{t("mailbox.empty")}</p>}>
      <ol class="mails">
        <For each={items()}>
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
    </Listing>
  );
}
