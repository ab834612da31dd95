// How a page shows its states: loading (and the boundary that shows it, or the error, for the data
// a page reads), empty, failed, working on a submit, waiting for a sign-in, or not there at all;
// and its heading, which takes the focus after a navigation, and the document title.
import { A, revalidate } from "@solidjs/router";
import { createEffect, ErrorBoundary, type JSX, Show, Suspense } from "solid-js";
import { t } from "../i18n/index.ts";
import { errorText } from "../errors.ts";
import { takeNavigationFocus } from "../focus.ts";

export function Loading() {
  return (
    <p class="state state--loading" role="status">
      <span class="spinner" aria-hidden="true" />
      {t("common.loading")}
    </p>
  );
}

export function ErrorState(props: { error: unknown; retry?: () => void }) {
  return (
    <div class="state state--error" role="alert">
      <p>{errorText(props.error)}</p>
      <Show when={props.retry}>
        <button type="button" class="button button--secondary" onClick={() => props.retry?.()}>
          {t("common.retry")}
        </button>
      </Show>
    </div>
  );
}

/**
 * Where a page reads its queries (createAsync): loading until they answer, then the content; an
 * error with a retry, or the page's own view of an error. Retrying reads every query again.
 */
export function Loaded(props: { children: JSX.Element; error?: (e: unknown, retry: () => void) => JSX.Element }) {
  return (
    <ErrorBoundary
      fallback={(e, reset) => {
        const retry = () => void revalidate().then(reset);
        return props.error?.(e, retry) ?? <ErrorState error={e} retry={retry} />;
      }}
    >
      <Suspense fallback={<Loading />}>{props.children}</Suspense>
    </ErrorBoundary>
  );
}

export function Empty(props: { children: JSX.Element }) {
  return <div class="state state--empty">{props.children}</div>;
}

/** A list, or what to say when it is empty. */
export function Listing(props: { items: readonly unknown[]; empty: JSX.Element; children: JSX.Element }) {
  return (
    <Show when={props.items.length} fallback={<Empty>{props.empty}</Empty>}>
      {props.children}
    </Show>
  );
}

/** A failure, announced: words, or an error (an API refusal) put into words. */
export function Failure(props: { error: unknown }) {
  return (
    <Show when={props.error}>
      {(e) => (
        <p class="notice notice--error" role="alert">
          {typeof e() === "string" ? (e() as string) : errorText(e())}
        </p>
      )}
    </Show>
  );
}

/** A form's submit button, which says so while the submit is under way. */
export function SubmitButton(props: { pending: boolean | undefined; label: string; pendingLabel: string; class?: string; disabled?: boolean }) {
  return (
    <button type="submit" class={props.class ?? "button"} disabled={props.pending || props.disabled}>
      {props.pending ? props.pendingLabel : props.label}
    </button>
  );
}

/** For a page that needs a session: why, and the way to sign in and come back to `next`. */
export function SignInFirst(props: { next: string; children?: JSX.Element }) {
  return (
    <div class="panel narrow">
      <p>{props.children ?? t("common.signInFirst")}</p>
      <A href={`/sign-in?next=${encodeURIComponent(props.next)}`} class="button">
        {t("common.signIn")}
      </A>
    </div>
  );
}

export function PageHeading(props: { children: JSX.Element }) {
  return (
    <h1 tabindex="-1" ref={(el) => takeNavigationFocus(el)}>
      {props.children}
    </h1>
  );
}

/** A page for what is not there: says so, and leads home. */
export function Missing(props: { title: string; text: string }) {
  usePageTitle(() => props.title);
  return (
    <section class="narrow">
      <PageHeading>{props.title}</PageHeading>
      <p>{props.text}</p>
      <A href="/">{t("notFound.home")}</A>
    </section>
  );
}

/** The document title follows the page and the language. */
export function usePageTitle(page: () => string | null | undefined): void {
  createEffect(() => {
    const name = page();
    document.title = name ? t("meta.page", { page: name }) : "Quorum";
  });
}
