// The moment after proposing: "your deal is live, share it", with the link to copy, WhatsApp and
// the system share sheet where there is one. Sharing is how a deal reaches its threshold, and
// this is when its initiator is most ready to do it. Loaded only when it shows.
import { createSignal, onMount, Show } from "solid-js";
import type { Deal } from "../../api.ts";
import { t } from "../../i18n/index.ts";
import { formatMoment } from "../../format.ts";

export function ShareLaunch(props: { deal: Deal; onDone: () => void }) {
  const url = () => `${window.location.origin}/deals/${props.deal.id}`;
  const message = () => `${props.deal.title}: ${t("deal.share.text")}`;
  const [copied, setCopied] = createSignal<boolean | null>(null);
  const canShare = typeof navigator.share === "function";
  let heading: HTMLHeadingElement | undefined;
  let link: HTMLInputElement | undefined;
  onMount(() => heading?.focus());

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url());
      setCopied(true);
    } catch {
      // No clipboard (an insecure page, or refused): the link is selected to copy by hand.
      setCopied(false);
      link?.select();
    }
  };
  const share = async () => {
    try {
      await navigator.share({ title: props.deal.title, text: message(), url: url() });
    } catch {
      // Cancelled, or refused: the other ways stay on the page.
    }
  };

  return (
    <section class="panel launch" aria-labelledby="launch-heading">
      <h2 id="launch-heading" tabindex="-1" ref={(el) => (heading = el)}>
        {t("deal.launch.title")}
      </h2>
      <p>
        {t("deal.deadline")}: {formatMoment(props.deal.deadline)}
      </p>
      <div class="field">
        <label for="launch-link">{t("deal.share.link")}</label>
        <input id="launch-link" type="text" readonly value={url()} ref={(el) => (link = el)} onFocus={(e) => e.currentTarget.select()} />
      </div>
      <div class="launch__actions">
        <button type="button" class="button" onClick={() => void copy()}>
          {t("deal.launch.copy")}
        </button>
        <a class="button button--secondary" href={`https://wa.me/?text=${encodeURIComponent(`${message()} ${url()}`)}`} target="_blank" rel="noopener noreferrer">
          {t("deal.launch.whatsapp")}
        </a>
        <Show when={canShare}>
          <button type="button" class="button button--secondary" onClick={() => void share()}>
            {t("deal.share")}
          </button>
        </Show>
        <button type="button" class="button button--secondary" onClick={() => props.onDone()}>
          {t("deal.confirmJoin.cancel")}
        </button>
      </div>
      <p role="status" class="share__status">
        <Show when={copied() === true}>{t("deal.share.copied")}</Show>
        <Show when={copied() === false}>{t("deal.share.manual")}</Show>
      </p>
    </section>
  );
}
