// An error's words: the messages of the API's codes are a catalogue part of their own, loaded the
// first time a page shows an error. Until it arrives the general message shows; then, reactively,
// the code's own message replaces it.
import { createRoot, createMemo } from "solid-js";
import { describe, expect, it, vi } from "vitest";
import { ApiError } from "../../web/src/api.ts";
import { errorText } from "../../web/src/errors.ts";
import { loadErrorMessages, loadLanguage } from "../../web/src/i18n/index.ts";
import { enFirst } from "../../api/contract/i18n/en/first.ts";
import { enErrors } from "../../api/contract/i18n/en/errors.ts";
import { deErrors } from "../../api/contract/i18n/de/errors.ts";

describe("errorText", () => {
  it("says the general message until the errors part is in, then the code's own, in the current language", async () => {
    await loadLanguage("en");
    const shown = createRoot(() => createMemo(() => errorText(new ApiError(409, "DEAL_CLOSED"))));
    expect(shown()).toBe(enFirst["error.UNKNOWN"]);
    // errorText itself asked for the part; once it is in, the memo follows.
    await vi.waitFor(() => expect(shown()).toBe(enErrors["error.DEAL_CLOSED"]), { timeout: 5000 });
    // Switching language reloads the parts already loaded, errors included.
    await loadLanguage("de");
    expect(shown()).toBe(deErrors["error.DEAL_CLOSED"]);
  });

  it("says the general message for a code no catalogue knows", async () => {
    await loadLanguage("en");
    await loadErrorMessages();
    expect(errorText(new ApiError(500, "NO_SUCH_CODE"))).toBe(enFirst["error.UNKNOWN"]);
    expect(errorText(new Error("boom"))).toBe(enFirst["error.UNKNOWN"]);
  });
});
