// The deal page, the heart of Quorum: the deal as the API reads it, kept live by the event stream
// that every change is pushed on, or the news that there is no such deal.
import { createAsync, useParams } from "@solidjs/router";
import { createSignal, Show } from "solid-js";
import type { DealUpdateJson } from "../../../../api/contract/schemas.ts";
import { api, isApiError } from "../../api.ts";
import { getDeal, putDeal } from "../../data.ts";
import { liveDeal } from "../../live.ts";
import { t } from "../../i18n/index.ts";
import { ErrorState, Loaded, Missing } from "../../components/States.tsx";
import { user } from "../../session.ts";
import { DealView } from "./DealView.tsx";
import { loadLater } from "./later-lazy.ts";

export default function DealPage() {
  const params = useParams<{ id: string }>();
  // Keyed: following a link from one deal to another starts over, with a new event stream.
  return (
    <Show when={params.id} keyed>
      {(id) => <LiveDeal id={id} />}
    </Show>
  );
}

function LiveDeal(props: { id: string }) {
  const id = props.id;
  const deal = createAsync(() => getDeal(id));
  // A signed-in visitor is sure to see one of the page's later parts (the join form, their
  // commitment, the follow button): they load beside the deal, not after it.
  if (user()) void loadLater();
  // Updates that arrived on the event stream since the page opened, newest first.
  const [updates, setUpdates] = createSignal<DealUpdateJson[]>([]);
  // Snapshots from the event stream carry this viewer's own commitment too (the cookie goes along).
  const live = liveDeal(
    api.deals[":id"].events.$path({ param: { id } }),
    (d) => void putDeal(d),
    (u) => setUpdates((list) => [u, ...list]),
  );
  return (
    <Loaded error={(e, retry) => (isNotFound(e) ? <NoSuchDeal /> : <ErrorState error={e} retry={retry} />)}>
      <Show when={deal()}>{(d) => <DealView deal={d()} connected={live.connected()} updates={updates()} />}</Show>
    </Loaded>
  );
}

const isNotFound = (e: unknown) => isApiError(e, "DEAL_NOT_FOUND") || isApiError(e, "NOT_FOUND");

const NoSuchDeal = () => <Missing title={t("deal.notFound.title")} text={t("deal.notFound.text")} />;
