// Sign-in across tabs. The link in the email opens a new tab; the tab that asked for it waits on
// "Check your email". The new tab announces the sign-in (BroadcastChannel, and a localStorage
// write for browsers without it, which fires a storage event in the other tabs), and the waiting
// tab also asks GET /api/me now and then while it is visible, backing off, for a sign-in made in
// another browser profile or on a phone with the same cookie jar closed.
import { api } from "./api.ts";

const CHANNEL = "quorum-session";
const STORAGE_KEY = "quorum_signed_in";
const FIRST_POLL_MS = 2_000;
const MAX_POLL_MS = 30_000;

/** Tells the other tabs of this browser that a sign-in just happened. */
export function announceSignIn(): void {
  try {
    const channel = new BroadcastChannel(CHANNEL);
    channel.postMessage("signed-in");
    channel.close();
  } catch {
    // No BroadcastChannel: the storage event below still reaches the other tabs.
  }
  try {
    localStorage.setItem(STORAGE_KEY, String(Date.now()));
  } catch {
    // No storage: the waiting tab's poll notices the sign-in instead.
  }
}

/** Calls `onSignedIn` once, when this browser is signed in. Returns the way to stop watching. */
export function watchForSignIn(onSignedIn: () => void): () => void {
  let done = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let delay = FIRST_POLL_MS;
  let channel: BroadcastChannel | undefined;

  const stop = () => {
    done = true;
    clearTimeout(timer);
    channel?.close();
    window.removeEventListener("storage", onStorage);
    document.removeEventListener("visibilitychange", onVisibility);
  };
  const finish = () => {
    if (done) return;
    stop();
    onSignedIn();
  };
  const check = async () => {
    if (done) return;
    try {
      if ((await api.me.$get()).ok) return finish();
    } catch {
      // Offline for a moment: try again later.
    }
    schedule();
  };
  const schedule = () => {
    clearTimeout(timer);
    if (done || document.visibilityState !== "visible") return;
    timer = setTimeout(() => void check(), delay);
    delay = Math.min(MAX_POLL_MS, Math.round(delay * 1.5));
  };
  // Back on this tab: look at once, then start the backoff again.
  const onVisibility = () => {
    if (document.visibilityState !== "visible") return clearTimeout(timer);
    delay = FIRST_POLL_MS;
    void check();
  };
  const onStorage = (e: StorageEvent) => {
    if (e.key === STORAGE_KEY) void check();
  };

  try {
    channel = new BroadcastChannel(CHANNEL);
    channel.onmessage = () => void check();
  } catch {
    channel = undefined;
  }
  window.addEventListener("storage", onStorage);
  document.addEventListener("visibilitychange", onVisibility);
  schedule();
  return stop;
}

/**
 * On a deal page reached with ?join=1 (the way back from "Sign in to join"), focuses the join
 * button once the panel is there, so the person is ready to commit; does nothing if it never is.
 */
export function focusJoinWhenReady(path: string): void {
  if (!new URL(path, location.origin).searchParams.has("join")) return;
  const started = Date.now();
  const look = () => {
    const button = document.querySelector<HTMLElement>("form.join [type=submit]");
    if (button) {
      // After the page's own focus on its heading, which happens as the heading appears.
      setTimeout(() => {
        button.scrollIntoView({ block: "center" });
        button.focus();
      }, 50);
    } else if (Date.now() - started < 10_000) setTimeout(look, 100);
  };
  look();
}
