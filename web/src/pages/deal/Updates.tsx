// The updates on the deal page: the ones posted before the page opened, and each new one as the
// event stream brings it, without a reload. Read under a boundary of their own, so the deal never
// waits for them; a deal without updates shows no section at all.
import { createAsync } from "@solidjs/router";
import { ErrorBoundary, lazy, Show, Suspense } from "solid-js";
import type { DealUpdateJson } from "../../../../api/contract/schemas.ts";
import { getUpdates } from "../../data.ts";
import { t } from "../../i18n/index.ts";

// Most deals have no updates: the list's code loads for those that do.
const UpdateList = lazy(() => import("./UpdateList.tsx").then((m) => ({ default: m.UpdateList })));

export function Updates(props: { dealId: string; live: readonly DealUpdateJson[] }) {
  return (
    <ErrorBoundary fallback={null}>
      <Suspense>
        <Listed dealId={props.dealId} live={props.live} />
      </Suspense>
    </ErrorBoundary>
  );
}

function Listed(props: { dealId: string; live: readonly DealUpdateJson[] }) {
  const listed = createAsync(() => getUpdates(props.dealId));
  // Live ones are newer than any listed; one that is both (listed after it arrived) shows once.
  const all = () => [...props.live, ...(listed() ?? []).filter((u) => !props.live.some((l) => l.id === u.id))];
  return (
    <Show when={all().length}>
      <section class="panel deal__updates" aria-labelledby="updates-heading">
        <h2 id="updates-heading">{t("deal.updates.title")}</h2>
        {/* Announced to screen readers as they arrive: a polite live region over the list. */}
        <div aria-live="polite">
          <UpdateList updates={all()} />
        </div>
      </section>
    </Show>
  );
}
