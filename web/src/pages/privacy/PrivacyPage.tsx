// /privacy: what Quorum keeps about people, why, for how long (the periods the sweep's purge keeps
// to, from the contract), who sees what, and how to download it all or delete the account.
import { A } from "@solidjs/router";
import { For, Show } from "solid-js";
import { RETENTION } from "../../../../api/contract/retention.ts";
import { t, type MessageKey } from "../../i18n/index.ts";
import { user } from "../../session.ts";
import { PageHeading, usePageTitle } from "../../components/States.tsx";
import { exportUrl } from "../me/account.ts";

type Kept = "account" | "deals" | "sessions" | "links" | "emails" | "limits" | "logs";
const KEPT: { item: Kept; vars?: Record<string, number> }[] = [
  { item: "account" },
  { item: "deals" },
  { item: "sessions", vars: { days: RETENTION.sessionDays } },
  { item: "links", vars: { hours: RETENTION.signInTokenHours } },
  { item: "emails", vars: { days: RETENTION.notificationDays } },
  { item: "limits", vars: { minutes: RETENTION.signInLimitMinutes } },
  { item: "logs" },
];

const WHO: MessageKey[] = ["privacy.who.everyone", "privacy.who.initiator", "privacy.who.others", "privacy.who.admins", "privacy.who.providers"];

export default function PrivacyPage() {
  usePageTitle(() => t("privacy.title"));
  return (
    <article class="privacy">
      <PageHeading>{t("privacy.title")}</PageHeading>
      <p class="privacy__intro">{t("privacy.intro")}</p>

      <section aria-labelledby="privacy-kept">
        <h2 id="privacy-kept">{t("privacy.kept.heading")}</h2>
        <ul class="privacy__kept">
          <For each={KEPT}>
            {(k) => (
              <li class="panel">
                <h3>{t(`privacy.${k.item}`)}</h3>
                <dl>
                  <dt>{t("privacy.kept.why")}</dt>
                  <dd>{t(`privacy.${k.item}.why`)}</dd>
                  <dt>{t("privacy.kept.howLong")}</dt>
                  <dd>{t(`privacy.${k.item}.howLong`, k.vars)}</dd>
                </dl>
              </li>
            )}
          </For>
        </ul>
      </section>

      <section aria-labelledby="privacy-who">
        <h2 id="privacy-who">{t("privacy.who.heading")}</h2>
        <ul>
          <For each={WHO}>{(key) => <li>{t(key)}</li>}</For>
        </ul>
      </section>

      <section aria-labelledby="privacy-export">
        <h2 id="privacy-export">{t("privacy.export.heading")}</h2>
        <p>{t("privacy.export.text")}</p>
        <Show when={user()} fallback={<A href="/me">{t("privacy.me")}</A>}>
          <a href={exportUrl} download="">
            {t("privacy.export.link")}
          </a>
        </Show>
      </section>

      <section aria-labelledby="privacy-delete">
        <h2 id="privacy-delete">{t("privacy.delete.heading")}</h2>
        <p>{t("privacy.delete.text")}</p>
        <p>{t("privacy.delete.stays")}</p>
        <A href="/me#your-data">{t("privacy.me")}</A>
      </section>
    </article>
  );
}
