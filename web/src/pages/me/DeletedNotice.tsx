// The notice the home page shows right after an account was deleted (YourData navigates there with
// this state). Its words are in the second part of the catalogue, loaded here if need be.
import { useLocation } from "@solidjs/router";
import { onMount, Show } from "solid-js";
import { loadAreaMessages, loadMoreMessages, t } from "../../i18n/index.ts";

export function AccountDeletedNotice() {
  const location = useLocation<{ accountDeleted?: boolean }>();
  const shown = () => location.state?.accountDeleted === true;
  onMount(() => {
    if (shown()) void Promise.all([loadMoreMessages(), loadAreaMessages("me")]);
  });
  return (
    <Show when={shown() && t("me.delete.done")}>
      {(text) => (
        <p class="notice notice--success" role="status">
          {text()}
        </p>
      )}
    </Show>
  );
}
