// The terms: what a participant and an initiator agree to, the states a deal goes through and
// the six promises Quorum keeps (DESIGN.md, "The promises" and "Deal states"). Their words are
// loaded for the interface language by this page alone (api/contract/i18n/terms.ts says why).
import { createAsync } from "@solidjs/router";
import { For, Show } from "solid-js";
import type { TermsText } from "../../../api/contract/i18n/terms.ts";
import { lang, t, type Lang } from "../i18n/index.ts";
import { PageHeading, usePageTitle } from "../components/States.tsx";

const loaders: Record<Lang, () => Promise<TermsText>> = {
  en: () => import("../../../api/contract/i18n/en/terms.ts").then((m) => m.terms),
  nl: () => import("../../../api/contract/i18n/nl/terms.ts").then((m) => m.terms),
  de: () => import("../../../api/contract/i18n/de/terms.ts").then((m) => m.terms),
};

const STATES = ["open", "confirmed", "grace", "failed", "cancelled"] as const;

function Rules(props: { section: { title: string; rules: string[] }; id: string }) {
  return (
    <section aria-labelledby={props.id} class="terms__section">
      <h2 id={props.id}>{props.section.title}</h2>
      <ul>
        <For each={props.section.rules}>{(rule) => <li>{rule}</li>}</For>
      </ul>
    </section>
  );
}

export default function Terms() {
  usePageTitle(() => t("terms.title"));
  const text = createAsync(() => loaders[lang()]());
  return (
    <article class="terms">
      <PageHeading>{t("terms.title")}</PageHeading>
      <Show when={text()}>
        {(w) => (
          <>
            <p class="lead">{w().intro}</p>
            <Rules section={w().participant} id="terms-participant" />
            <Rules section={w().initiator} id="terms-initiator" />
            <section aria-labelledby="terms-states" class="terms__section">
              <h2 id="terms-states">{w().states.title}</h2>
              <dl class="terms__states">
                <For each={STATES}>
                  {(s) => (
                    <>
                      <dt>{t(`status.${s}`)}</dt>
                      <dd>{w().states[s]}</dd>
                    </>
                  )}
                </For>
              </dl>
            </section>
            <Rules section={w().promises} id="terms-promises" />
          </>
        )}
      </Show>
    </article>
  );
}
