// API errors in words, in the interface language: each error code has a catalogue message.
import { ApiError } from "./api.ts";
import { hasMessage, loadErrorMessages, t } from "./i18n/index.ts";

/**
 * The words for an error. The messages of the API's codes are a catalogue part of their own,
 * loaded the first time one is needed: until it arrives (or if it can't) the general message
 * shows, and since t() is reactive, the code's own message replaces it when the part is in.
 */
export function errorText(e: unknown): string {
  if (e instanceof ApiError) {
    const key = `error.${e.code}`;
    if (hasMessage(key)) return t(key);
    void loadErrorMessages().catch(() => {});
  }
  return t("error.UNKNOWN");
}
