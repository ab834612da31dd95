// After a client-side navigation, focus moves to the new page's heading, so keyboard and screen
// reader users start at the top of the new content rather than on the link they followed.
let pending = false;

export function navigated(): void {
  pending = true;
}

export function takeNavigationFocus(el: HTMLElement): void {
  if (!pending) return;
  pending = false;
  queueMicrotask(() => el.focus({ preventScroll: false }));
}
