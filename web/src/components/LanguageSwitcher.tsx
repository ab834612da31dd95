// The remembered language choice: localStorage and a cookie (so the server renders <html lang>),
// and the account's locale when signed in, so emails use it too.
import { For } from "solid-js";
import { LANGUAGES, isLang } from "../../../api/contract/lang.ts";
import { lang, loadLanguage, rememberLanguage, t } from "../i18n/index.ts";
import { syncLocale } from "../session.ts";

export function LanguageSwitcher() {
  const change = async (value: string) => {
    if (!isLang(value) || value === lang()) return;
    rememberLanguage(value);
    await loadLanguage(value);
    await syncLocale();
  };
  return (
    <div class="language">
      <label for="language-select">{t("app.language")}</label>
      <select id="language-select" value={lang()} onChange={(e) => void change(e.currentTarget.value)}>
        <For each={LANGUAGES}>{(l) => <option value={l} lang={l}>{t(`lang.${l}`)}</option>}</For>
      </select>
    </div>
  );
}
