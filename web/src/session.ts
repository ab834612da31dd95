// Who is signed in. Read once at start from GET /api/me; sign-in and sign-out update it.
import { createSignal } from "solid-js";
import { api, data, isApiError } from "./api.ts";
import { lang } from "./i18n/index.ts";

export interface User {
  id: string;
  email: string;
  displayName: string;
  locale: string;
  nameChosen: boolean;
  timeZone: string | null;
}

const [user, setUser] = createSignal<User | null>(null);
const [known, setKnown] = createSignal(false);

export { user, setUser };
/** False until the first GET /api/me has answered. */
export const sessionKnown = known;

export async function loadSession(): Promise<void> {
  try {
    setUser((await data(api.me.$get())).user);
  } catch (e) {
    if (!isApiError(e, "UNAUTHENTICATED")) console.warn("could not read the session", e);
    setUser(null);
  } finally {
    setKnown(true);
  }
}

/** Changes the name (which counts as choosing it), the language or the time zone; the page follows. */
export async function updateMe(changes: { displayName?: string; timeZone?: string }): Promise<User> {
  const { user: updated } = await data(api.me.$patch({ json: changes }));
  setUser(updated);
  return updated;
}

/** Emails follow the interface language: tell the server when they differ. */
export async function syncLocale(): Promise<void> {
  const current = user();
  if (!current || current.locale === lang()) return;
  try {
    setUser((await data(api.me.$patch({ json: { locale: lang() } }))).user);
  } catch (e) {
    console.warn("could not save the language", e);
  }
}
