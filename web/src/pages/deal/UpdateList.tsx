// The initiator's updates, newest first, as plain text with their line breaks, each with its time.
// The deal page and the manage page both show them.
import { For } from "solid-js";
import type { DealUpdateJson } from "../../../../api/contract/schemas.ts";
import { formatMoment } from "../../format.ts";

export function UpdateList(props: { updates: readonly DealUpdateJson[] }) {
  return (
    <ol class="updates">
      <For each={props.updates}>
        {(u) => (
          <li class="update">
            <time class="update__time" datetime={u.createdAt}>
              {formatMoment(u.createdAt)}
            </time>
            <p class="update__body">{u.body}</p>
          </li>
        )}
      </For>
    </ol>
  );
}
