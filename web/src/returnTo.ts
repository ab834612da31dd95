// Where to go after signing in: the page that sent the user to sign in, remembered across the
// trip through the mailbox. Only same-site paths are accepted.
const KEY = "quorum_return_to";

const safe = (path: string | undefined | null): string | null =>
  path && path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/\\") ? path : null;

export function rememberReturn(path: string | undefined): void {
  const p = safe(path);
  try {
    if (p) sessionStorage.setItem(KEY, p);
    else sessionStorage.removeItem(KEY);
  } catch {
    // No storage: after signing in, the user lands on "My deals".
  }
}

export function takeReturn(): string {
  try {
    const p = safe(sessionStorage.getItem(KEY));
    sessionStorage.removeItem(KEY);
    return p ?? "/me";
  } catch {
    return "/me";
  }
}
