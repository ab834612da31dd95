// The participants of a deal, in first-come order, for its initiator: name, email, seats, status
// and when they joined; and the same list as a CSV file for Excel in the viewer's language. On a
// phone each row becomes a card (each cell labelled), so nothing is cut off.
import { For, Show, type JSX } from "solid-js";
import { lang, t } from "../../i18n/index.ts";
import { formatMoment } from "../../format.ts";
import { Listing } from "../../components/States.tsx";
import type { getParticipants } from "./reads.ts";
import { PaymentCell } from "./PaymentCounts.tsx";

export type Participant = Awaited<ReturnType<typeof getParticipants>>[number];

/** Dutch and German Excel split on ';', English Excel on ','; the server chooses by `lang`, and either may be asked for. */
function CsvDownload(props: { dealId: string }) {
  const base = () => `/api/deals/${props.dealId}/participants?format=csv&lang=${lang()}`;
  const semicolon = () => lang() !== "en";
  return (
    <div class="csv-download">
      <a class="button button--secondary" href={base()} download="">
        {t("manage.csv")}
      </a>
      <p class="muted csv-download__note">
        {semicolon() ? t("manage.csv.semicolon") : t("manage.csv.comma")}{" "}
        <a href={`${base()}&sep=${semicolon() ? "comma" : "semicolon"}`} download="">
          {semicolon() ? t("manage.csv.asComma") : t("manage.csv.asSemicolon")}
        </a>
      </p>
    </div>
  );
}

export function ParticipantTable(props: {
  dealId: string;
  participants: Participant[];
  /** A control for each row (removing the participant), in a last column. */
  action?: (p: Participant) => JSX.Element;
  headingRef?: (el: HTMLHeadingElement) => void;
  /** What the last action said, under the heading, where focus lands after it. */
  status?: JSX.Element;
}) {
  return (
    // The scrollable table region below carries the name; one landmark per name.
    <section>
      <div class="section-head">
        <h2 id="participants-heading" tabindex="-1" ref={props.headingRef}>
          {t("manage.participants")}
        </h2>
        <CsvDownload dealId={props.dealId} />
      </div>
      {props.status}
      <Listing items={props.participants} empty={<p>{t("manage.empty")}</p>}>
        <div class="table-wrap" tabindex="0" role="region" aria-labelledby="participants-heading">
          <table class="table table--cards">
            <thead>
              <tr>
                <th scope="col">{t("manage.col.name")}</th>
                <th scope="col">{t("manage.col.email")}</th>
                <th scope="col" class="num">
                  {t("manage.col.seats")}
                </th>
                <th scope="col">{t("manage.col.status")}</th>
                <th scope="col">{t("manage.col.joined")}</th>
                <th scope="col">{t("manage.col.payment")}</th>
                <Show when={props.action}>
                  <th scope="col">
                    <span class="visually-hidden">{t("manage.col.actions")}</span>
                  </th>
                </Show>
              </tr>
            </thead>
            <tbody>
              <For each={props.participants}>
                {(p) => (
                  <tr>
                    <td data-label={t("manage.col.name")} class="table__title">
                      {p.displayName}
                    </td>
                    <td data-label={t("manage.col.email")}>{p.email}</td>
                    <td data-label={t("manage.col.seats")} class="num">
                      {p.seats}
                    </td>
                    <td data-label={t("manage.col.status")}>{t(`commitment.${p.status}`)}</td>
                    <td data-label={t("manage.col.joined")}>
                      <time datetime={p.createdAt}>{formatMoment(p.createdAt)}</time>
                    </td>
                    <PaymentCell participant={p} />
                    <Show when={props.action}>{(action) => <td class="table__action">{action()(p)}</td>}</Show>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
      </Listing>
    </section>
  );
}
