// The participants of a deal, in first-come order, for its initiator: name, email, seats, status
// and when they joined; and the same list as a CSV file.
import { For } from "solid-js";
import { t } from "../../i18n/index.ts";
import { formatMoment } from "../../format.ts";
import { Listing } from "../../components/States.tsx";
import type { getParticipants } from "../../data.ts";
import { PaymentCell } from "./PaymentCounts.tsx";

export type Participant = Awaited<ReturnType<typeof getParticipants>>[number];

export function ParticipantTable(props: { dealId: string; participants: Participant[] }) {
  return (
    // The scrollable table region below carries the name; one landmark per name.
    <section>
      <div class="section-head">
        <h2 id="participants-heading">{t("manage.participants")}</h2>
        <a class="button button--secondary" href={`/api/deals/${props.dealId}/participants?format=csv`} download="">
          {t("manage.csv")}
        </a>
      </div>
      <Listing items={props.participants} empty={<p>{t("manage.empty")}</p>}>
        <div class="table-wrap" tabindex="0" role="region" aria-labelledby="participants-heading">
          <table class="table">
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
              </tr>
            </thead>
            <tbody>
              <For each={props.participants}>
                {(p) => (
                  <tr>
                    <td>{p.displayName}</td>
                    <td>{p.email}</td>
                    <td class="num">{p.seats}</td>
                    <td>{t(`commitment.${p.status}`)}</td>
                    <td>
                      <time datetime={p.createdAt}>{formatMoment(p.createdAt)}</time>
                    </td>
                    <PaymentCell participant={p} />
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
