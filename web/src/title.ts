// The document title follows the page and the language.
import { createEffect } from "solid-js";
import { t } from "./i18n/index.ts";

export function usePageTitle(page: () => string | null | undefined): void {
  createEffect(() => {
    const name = page();
    document.title = name ? t("meta.page", { page: name }) : "Quorum";
  });
}
