// "My deals": my commitments and my proposals, and my display name.
import { A, useNavigate } from "@solidjs/router";
import { createResource, createSignal, For, Show } from "solid-js";
import { fields, LIMITS } from "../../../api/contract/fields.ts";
import { api, data } from "../api.ts";
import { t, tp } from "../i18n/index.ts";
import { errorText } from "../errors.ts";
import { formatPrice } from "../format.ts";
import { check } from "../validation.ts";
import { setUser, signOut, user, type User } from "../session.ts";
import { Field } from "../components/Field.tsx";
import { Progress } from "../components/Progress.tsx";
import { Async, Empty, PageHeading } from "../components/States.tsx";
import { usePageTitle } from "../title.ts";

export default function Me() {
  usePageTitle(() => t("me.title"));
  return (
    <section>
      <PageHeading>{t("me.title")}</PageHeading>
      <Show
        when={user()}
        fallback={
          <div class="panel narrow">
            <p>{t("common.signInFirst")}</p>
            <A href="/sign-in?next=%2Fme" class="button">
              {t("common.signIn")}
            </A>
          </div>
        }
      >
        {(u) => <MyDeals user={u()} />}
      </Show>
    </section>
  );
}

function MyDeals(props: { user: User }) {
  const [commitments, { refetch: refetchCommitments }] = createResource(() => data(api.me.commitments.$get()));
  const [proposals, { refetch: refetchProposals }] = createResource(() => data(api.me.deals.$get()));

  return (
    <div class="me-layout">
      <div>
        <section aria-labelledby="commitments-heading">
          <h2 id="commitments-heading">{t("me.commitments")}</h2>
          <Async resource={commitments} retry={refetchCommitments}>
            {(commitmentsPage) => (
              <Show
                when={commitmentsPage().items.length}
                fallback={
                  <Empty>
                    <p>{t("me.commitments.empty")}</p>
                    <A href="/">{t("me.browse")}</A>
                  </Empty>
                }
              >
                <ul class="list">
                  <For each={commitmentsPage().items}>
                    {(c) => (
                      <li class="list__item">
                        <A href={`/deals/${c.deal.id}`} class="list__title">
                          {c.deal.title}
                        </A>
                        <span class={`pill pill--${c.deal.status}`}>{t(`status.${c.deal.status}`)}</span>
                        <p class="muted">
                          {tp("me.seats", c.seats)} · {t(`commitment.${c.status}`)}
                          <Show when={c.status === "waitlisted" && c.waitlistPosition}>
                            {(p) => <> ({t("me.waitlistPosition", { position: p() })})</>}
                          </Show>
                          {" · "}
                          {formatPrice(c.deal.pricePerSeatCents * c.seats, c.deal.currency)}
                        </p>
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
            )}
          </Async>
        </section>

        <section aria-labelledby="proposals-heading">
          <h2 id="proposals-heading">{t("me.proposals")}</h2>
          <Async resource={proposals} retry={refetchProposals}>
            {(proposalsPage) => (
              <Show
                when={proposalsPage().items.length}
                fallback={
                  <Empty>
                    <p>{t("me.proposals.empty")}</p>
                    <A href="/deals/new">{t("home.cta")}</A>
                  </Empty>
                }
              >
                <ul class="list">
                  <For each={proposalsPage().items}>
                    {(d) => (
                      <li class="list__item">
                        <A href={`/deals/${d.id}`} class="list__title">
                          {d.title}
                        </A>
                        <span class={`pill pill--${d.status}`}>{t(`status.${d.status}`)}</span>
                        <Progress
                          compact
                          threshold={d.threshold}
                          capacity={d.capacity}
                          seatsCommitted={d.seatsCommitted}
                          seatsWaitlisted={d.seatsWaitlisted}
                        />
                        <A href={`/deals/${d.id}/manage`}>
                          {t("deal.manage")}
                          <span class="visually-hidden">: {d.title}</span>
                        </A>
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
            )}
          </Async>
        </section>
      </div>
      <Profile user={props.user} />
    </div>
  );
}

function Profile(props: { user: User }) {
  const navigate = useNavigate();
  const [name, setName] = createSignal(props.user.displayName);
  const [busy, setBusy] = createSignal(false);
  const [saved, setSaved] = createSignal(false);
  const [failure, setFailure] = createSignal<string | null>(null);
  const error = () => check(fields.displayName, name());

  const save = async (e: SubmitEvent) => {
    e.preventDefault();
    setSaved(false);
    setFailure(null);
    if (error()) return;
    setBusy(true);
    try {
      setUser((await data(api.me.$patch({ json: { displayName: name().trim() } }))).user);
      setSaved(true);
    } catch (err) {
      setFailure(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const leave = async () => {
    try {
      await signOut();
      navigate("/");
    } catch (err) {
      setFailure(errorText(err));
    }
  };

  return (
    <aside class="panel profile" aria-labelledby="profile-heading">
      <h2 id="profile-heading">{t("me.profile")}</h2>
      <p class="muted">{t("me.signedInAs", { email: props.user.email })}</p>
      <form onSubmit={save} novalidate>
        <Field label={t("me.displayName")} hint={t("me.displayNameHint")} error={error()}>
          {(a) => (
            <input
              id={a.id}
              type="text"
              autocomplete="nickname"
              maxlength={LIMITS.displayNameMax}
              value={name()}
              aria-describedby={a.describedBy}
              aria-invalid={a.invalid}
              onInput={(e) => {
                setName(e.currentTarget.value);
                setSaved(false);
              }}
            />
          )}
        </Field>
        <button type="submit" class="button" disabled={busy() || !!error()}>
          {busy() ? t("me.saving") : t("me.save")}
        </button>
        <p role="status" class="form-status">
          <Show when={saved()}>{t("me.saved")}</Show>
        </p>
        <Show when={failure()}>
          <p class="notice notice--error" role="alert">
            {failure()}
          </p>
        </Show>
      </form>
      <button type="button" class="button button--secondary" onClick={() => void leave()}>
        {t("me.signOut")}
      </button>
    </aside>
  );
}
