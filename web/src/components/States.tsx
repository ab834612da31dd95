// Loading, error and empty states, and the page heading that takes focus after a navigation.
import { type JSX, Match, type Resource, Show, Switch } from "solid-js";
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

export function Empty(props: { children: JSX.Element }) {
  return <div class="state state--empty">{props.children}</div>;
}

export function PageHeading(props: { children: JSX.Element }) {
  return (
    <h1 tabindex="-1" ref={(el) => takeNavigationFocus(el)}>
      {props.children}
    </h1>
  );
}

/**
 * A resource's three states: loading, an error with a retry, or its value. Reads the value only
 * once it is there (reading an errored resource would throw).
 */
export function Async<T>(props: {
  resource: Resource<T>;
  retry: () => void;
  error?: (e: unknown) => JSX.Element;
  children: (value: () => T) => JSX.Element;
}) {
  const ready = () => props.resource.state === "ready" || props.resource.state === "refreshing";
  return (
    <Switch fallback={<Loading />}>
      <Match when={props.resource.state === "errored"}>
        {props.error?.(props.resource.error) ?? <ErrorState error={props.resource.error} retry={props.retry} />}
      </Match>
      <Match when={ready()}>{props.children(() => props.resource.latest as T)}</Match>
    </Switch>
  );
}
