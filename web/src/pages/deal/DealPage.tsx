// The deal page, the heart of Quorum: the deal as the API reads it, kept live by the event stream
// that every change is pushed on, or the news that there is no such deal.
import { createAsync, useParams } from "@solidjs/router";
import { Show } from "solid-js";
import { api, isApiError } from "../../api.ts";
import { getDeal, putDeal } from "../../data.ts";
import { liveDeal } from "../../live.ts";
import { t } from "../../i18n/index.ts";
import { ErrorState, Loaded, Missing } from "../../components/States.tsx";
import { DealView } from "./DealView.tsx";

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
  // Snapshots from the event stream carry this viewer's own commitment too (the cookie goes along).
  const live = liveDeal(api.deals[":id"].events.$path({ param: { id } }), (d) => void putDeal(d));
  return (
    <Loaded error={(e, retry) => (isNotFound(e) ? <NoSuchDeal /> : <ErrorState error={e} retry={retry} />)}>
      <Show when={deal()}>{(d) => <DealView deal={d()} connected={live.connected()} />}</Show>
    </Loaded>
  );
}

const isNotFound = (e: unknown) => isApiError(e, "DEAL_NOT_FOUND") || isApiError(e, "NOT_FOUND");

const NoSuchDeal = () => <Missing title={t("deal.notFound.title")} text={t("deal.notFound.text")} />;
