// API errors in words, in the interface language: each error code has a catalogue message.
import { ApiError } from "./api.ts";
import { hasMessage, t } from "./i18n/index.ts";

export function errorText(e: unknown): string {
  if (e instanceof ApiError) {
    const key = `error.${e.code}`;
    if (hasMessage(key)) return t(key);
  }
  return t("error.UNKNOWN");
}
