// Sharing the deal's link: the system share sheet where there is one, else the clipboard, else
// the link itself to copy by hand.
import { createSignal, Show } from "solid-js";
import type { Deal } from "../../api.ts";
import { t } from "../../i18n/index.ts";

export function ShareBox(props: { deal: Deal }) {
  const [state, setState] = createSignal<"idle" | "copied" | "manual">("idle");
  const url = () => `${window.location.origin}/deals/${props.deal.id}`;
  const share = async () => {
    const payload = { title: props.deal.title, text: t("deal.share.text"), url: url() };
    if (typeof navigator.share === "function" && (navigator.canShare?.(payload) ?? true)) {
      try {
        await navigator.share(payload);
        return;
      } catch (e) {
        if ((e as DOMException).name === "AbortError") return;
      }
    }
    try {
      await navigator.clipboard.writeText(url());
      setState("copied");
    } catch {
      setState("manual");
    }
  };
  return (
    <div class="share">
      <button type="button" class="button button--secondary button--block" onClick={() => void share()}>
        {t("deal.share")}
      </button>
      <p role="status" class="share__status">
        <Show when={state() === "copied"}>{t("deal.share.copied")}</Show>
      </p>
      <Show when={state() === "manual"}>
        <div class="field">
          <label for="share-link">{t("deal.share.manual")}</label>
          <input id="share-link" type="text" readonly value={url()} aria-label={t("deal.share.link")} onFocus={(e) => e.currentTarget.select()} />
        </div>
      </Show>
    </div>
  );
}
