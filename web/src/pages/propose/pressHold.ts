// Holding back a layout change while a pointer is pressed. Leaving a field by pressing a button
// blurs the field on pointer-down; if its error then appeared at once, the button could move
// away before the pointer comes up, and the click would land elsewhere (or nowhere). So what a
// blur shows waits until the press has become a click (or has been given up).
import { onCleanup } from "solid-js";

/** Runs a change now, or, while a pointer is down, once the press is over. */
export function createPressHold(): (change: () => void) => void {
  let pressed = false;
  let queue: (() => void)[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    pressed = false;
    clearTimeout(timer);
    const changes = queue;
    queue = [];
    for (const change of changes) change();
  };
  const down = () => {
    pressed = true;
    clearTimeout(timer);
  };
  // The click's own handlers (a submit) run first; then the held changes.
  const click = () => {
    if (pressed) setTimeout(flush, 0);
  };
  // A touch focuses after the pointer is up, just before its click; a press dragged away never clicks.
  const up = () => {
    clearTimeout(timer);
    timer = setTimeout(flush, 600);
  };
  const listeners = [
    ["pointerdown", down],
    ["pointerup", up],
    ["pointercancel", flush],
    ["click", click],
  ] as const;
  for (const [type, fn] of listeners) document.addEventListener(type, fn, true);
  onCleanup(() => {
    clearTimeout(timer);
    for (const [type, fn] of listeners) document.removeEventListener(type, fn, true);
  });
  return (change) => (pressed ? queue.push(change) : change());
}
