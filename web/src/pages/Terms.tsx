// The terms: what a participant and an initiator agree to, the states a deal goes through and
// the six promises Quorum keeps (docs: DESIGN.md, "The promises" and "Deal states").
import { For } from "solid-js";
import { t, type MessageKey } from "../i18n/index.ts";
import { PageHeading, usePageTitle } from "../components/States.tsx";

const STATES = ["open", "confirmed", "grace", "failed", "cancelled"] as const;

/** A titled list of the numbered messages `${base}.1` … `${base}.${count}`. */
function Rules(props: { base: string; count: number; id: string }) {
  const keys = Array.from({ length: props.count }, (_, i) => `${props.base}.${i + 1}` as MessageKey);
  return (
    <section aria-labelledby={props.id} class="terms__section">
      <h2 id={props.id}>{t(`${props.base}.title` as MessageKey)}</h2>
      <ul>
        <For each={keys}>{(key) => <li>{t(key)}</li>}</For>
      </ul>
    </section>
  );
}

export default function Terms() {
  usePageTitle(() => t("terms.title"));
  return (
    <article class="terms">
      <PageHeading>{t("terms.title")}</PageHeading>
      <p class="lead">{t("terms.intro")}</p>
      <Rules base="terms.participant" count={6} id="terms-participant" />
      <Rules base="terms.initiator" count={4} id="terms-initiator" />
      <section aria-labelledby="terms-states" class="terms__section">
        <h2 id="terms-states">{t("terms.states.title")}</h2>
        <dl class="terms__states">
          <For each={STATES}>
            {(s) => (
              <>
                <dt>{t(`status.${s}`)}</dt>
                <dd>{t(`terms.states.${s}`)}</dd>
              </>
            )}
          </For>
        </dl>
      </section>
      <Rules base="terms.promises" count={6} id="terms-promises" />
    </article>
  );
}
