// Propose a deal: every field of the API, validated in the browser with the API's own schemas,
// errors next to their fields, and a live preview of the deal card.
import { A, useNavigate } from "@solidjs/router";
import { createMemo, createSignal, Show } from "solid-js";
import { createStore } from "solid-js/store";
import { LIMITS } from "../../../api/contract/fields.ts";
import { api, data, isApiError } from "../api.ts";
import { t, tp } from "../i18n/index.ts";
import { errorText } from "../errors.ts";
import { formatMoment, formatPrice, relative } from "../format.ts";
import { user } from "../session.ts";
import { emptyForm, fromLocalInput, parsePrice, serverIssues, validateProposal, type FieldName, type ProposalForm } from "../proposal.ts";
import { Field } from "../components/Field.tsx";
import { Progress } from "../components/Progress.tsx";
import { PageHeading } from "../components/States.tsx";
import { usePageTitle } from "../title.ts";

export default function Propose() {
  usePageTitle(() => t("propose.title"));
  return (
    <section>
      <PageHeading>{t("propose.title")}</PageHeading>
      <p class="lead">{t("propose.intro")}</p>
      <Show
        when={user()}
        fallback={
          <div class="panel narrow">
            <p>{t("propose.signIn")}</p>
            <A href="/sign-in?next=%2Fdeals%2Fnew" class="button">
              {t("common.signIn")}
            </A>
          </div>
        }
      >
        <ProposeForm />
      </Show>
    </section>
  );
}

function ProposeForm() {
  const navigate = useNavigate();
  const [form, setForm] = createStore<ProposalForm>(emptyForm());
  const [touched, setTouched] = createStore<Partial<Record<FieldName, boolean>>>({});
  const [submitted, setSubmitted] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [serverErrors, setServerErrors] = createSignal<Partial<Record<FieldName, string>>>({});
  const [failure, setFailure] = createSignal<string | null>(null);
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;

  const validated = createMemo(() => validateProposal({ ...form }));
  const errorFor = (name: FieldName) =>
    serverErrors()[name] ?? (submitted() || touched[name] ? validated().errors[name] : undefined);

  const set = <K extends keyof ProposalForm>(key: K, value: ProposalForm[K]) => {
    setForm(key, value);
    const name: FieldName = key === "price" ? "pricePerSeatCents" : (key as FieldName);
    setServerErrors((e) => ({ ...e, [name]: undefined }));
  };
  const touch = (name: FieldName) => setTouched(name, true);

  /** A whole-number seat count: the threshold, the capacity, the seats per commitment. */
  // A component, so its label stays reactive when the language changes.
  const SeatCount = (props: {
    name: "threshold" | "capacity" | "maxSeatsPerCommitment";
    label: string;
    hint?: string;
    max: number;
    required: boolean;
  }) => (
    <Field label={props.label} hint={props.hint} error={errorFor(props.name)}>
      {(a) => (
        <input
          id={a.id}
          type="number"
          inputmode="numeric"
          min="1"
          max={props.max}
          step="1"
          required={props.required}
          value={form[props.name]}
          aria-describedby={a.describedBy}
          aria-invalid={a.invalid}
          onInput={(e) => set(props.name, e.currentTarget.value)}
          onBlur={() => touch(props.name)}
        />
      )}
    </Field>
  );

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setSubmitted(true);
    setFailure(null);
    const { body } = validated();
    if (!body) {
      setFailure(t("propose.fix"));
      queueMicrotask(() => document.querySelector<HTMLElement>(".propose [aria-invalid='true']")?.focus());
      return;
    }
    setBusy(true);
    try {
      const { deal } = await data(api.deals.$post({ json: body }));
      navigate(`/deals/${deal.id}`);
    } catch (err) {
      if (isApiError(err, "VALIDATION_FAILED")) {
        setServerErrors(serverIssues(err.issues, body));
        setFailure(t("propose.fix"));
      } else {
        setFailure(errorText(err));
      }
    } finally {
      setBusy(false);
    }
  };

  const currency = () => (/^[A-Za-z]{3}$/.test(form.currency) ? form.currency.toUpperCase() : "EUR");
  const previewPrice = () => {
    const cents = parsePrice(form.price, currency());
    return cents === undefined || Number.isNaN(cents) ? "–" : formatPrice(cents, currency());
  };
  const previewNumber = (s: string, fallback: number) => {
    const n = Number(s);
    return s.trim() !== "" && Number.isInteger(n) && n > 0 ? n : fallback;
  };
  const previewDeadline = () => fromLocalInput(form.deadline);

  return (
    <div class="propose-layout">
      <form class="propose panel" onSubmit={submit} novalidate>
        <fieldset class="field">
          <legend>{t("propose.kind")}</legend>
          <div class="choices">
            <label class="choice">
              <input type="radio" name="kind" value="trip" checked={form.kind === "trip"} onChange={() => set("kind", "trip")} />
              {t("propose.kind.trip")}
            </label>
            <label class="choice">
              <input type="radio" name="kind" value="deal" checked={form.kind === "deal"} onChange={() => set("kind", "deal")} />
              {t("propose.kind.deal")}
            </label>
          </div>
        </fieldset>

        <Field label={t("propose.titleField")} hint={t("propose.titleHint", { min: LIMITS.titleMin, max: LIMITS.titleMax })} error={errorFor("title")}>
          {(a) => (
            <input
              id={a.id}
              type="text"
              maxlength={LIMITS.titleMax}
              required
              value={form.title}
              aria-describedby={a.describedBy}
              aria-invalid={a.invalid}
              onInput={(e) => set("title", e.currentTarget.value)}
              onBlur={() => touch("title")}
            />
          )}
        </Field>

        <Field label={t("propose.description")} hint={t("propose.descriptionHint", { max: LIMITS.descriptionMax })} error={errorFor("description")}>
          {(a) => (
            <textarea
              id={a.id}
              rows="5"
              maxlength={LIMITS.descriptionMax}
              value={form.description}
              aria-describedby={a.describedBy}
              aria-invalid={a.invalid}
              onInput={(e) => set("description", e.currentTarget.value)}
              onBlur={() => touch("description")}
            />
          )}
        </Field>

        <Show when={form.kind === "trip"}>
          <Field label={t("propose.destination")} error={errorFor("destination")}>
            {(a) => (
              <input
                id={a.id}
                type="text"
                maxlength={LIMITS.destinationMax}
                value={form.destination}
                aria-describedby={a.describedBy}
                aria-invalid={a.invalid}
                onInput={(e) => set("destination", e.currentTarget.value)}
                onBlur={() => touch("destination")}
              />
            )}
          </Field>
          <div class="row">
            <Field label={t("propose.departsOn")} error={errorFor("departsOn")}>
              {(a) => (
                <input
                  id={a.id}
                  type="date"
                  value={form.departsOn}
                  aria-describedby={a.describedBy}
                  aria-invalid={a.invalid}
                  onInput={(e) => set("departsOn", e.currentTarget.value)}
                  onBlur={() => touch("departsOn")}
                />
              )}
            </Field>
            <Field label={t("propose.returnsOn")} error={errorFor("returnsOn")}>
              {(a) => (
                <input
                  id={a.id}
                  type="date"
                  value={form.returnsOn}
                  aria-describedby={a.describedBy}
                  aria-invalid={a.invalid}
                  onInput={(e) => set("returnsOn", e.currentTarget.value)}
                  onBlur={() => touch("returnsOn")}
                />
              )}
            </Field>
          </div>
        </Show>

        <div class="row">
          <Field label={t("propose.price")} error={errorFor("pricePerSeatCents")}>
            {(a) => (
              <input
                id={a.id}
                type="text"
                inputmode="decimal"
                autocomplete="off"
                required
                value={form.price}
                aria-describedby={a.describedBy}
                aria-invalid={a.invalid}
                onInput={(e) => set("price", e.currentTarget.value)}
                onBlur={() => touch("pricePerSeatCents")}
              />
            )}
          </Field>
          <Field label={t("propose.currency")} hint={t("propose.currencyHint")} error={errorFor("currency")} class="field--short">
            {(a) => (
              <input
                id={a.id}
                type="text"
                maxlength="3"
                autocapitalize="characters"
                autocomplete="off"
                required
                value={form.currency}
                aria-describedby={a.describedBy}
                aria-invalid={a.invalid}
                onInput={(e) => set("currency", e.currentTarget.value.toUpperCase())}
                onBlur={() => touch("currency")}
              />
            )}
          </Field>
        </div>

        <div class="row">
          <SeatCount name="threshold" label={t("propose.threshold")} max={LIMITS.thresholdMax} required />
          <SeatCount
            name="capacity"
            label={t("propose.capacity")}
            hint={t("propose.capacityHint")}
            max={LIMITS.thresholdMax}
            required={false}
          />
        </div>

        <div class="row">
          <SeatCount name="maxSeatsPerCommitment" label={t("propose.maxSeats")} max={LIMITS.seatsPerCommitmentMax} required />
          <Field label={t("propose.deadline")} hint={t("propose.deadlineHint", { zone })} error={errorFor("deadline")}>
            {(a) => (
              <input
                id={a.id}
                type="datetime-local"
                required
                value={form.deadline}
                aria-describedby={a.describedBy}
                aria-invalid={a.invalid}
                onInput={(e) => set("deadline", e.currentTarget.value)}
                onBlur={() => touch("deadline")}
              />
            )}
          </Field>
        </div>

        <Show when={failure()}>
          <p class="notice notice--error" role="alert">
            {failure()}
          </p>
        </Show>
        <button type="submit" class="button button--large" disabled={busy()}>
          {busy() ? t("propose.submitting") : t("propose.submit")}
        </button>
      </form>

      <aside class="preview" aria-labelledby="preview-heading">
        <h2 id="preview-heading">{t("propose.preview")}</h2>
        <article class="card card--preview">
          <p class="card__meta">
            <span class="tag">{t(`kind.${form.kind}`)}</span>
            <Show when={form.kind === "trip" && form.destination.trim()}>
              <span>{form.destination}</span>
            </Show>
          </p>
          <h3 class="card__title">{form.title.trim() || t("propose.previewUntitled")}</h3>
          <p class="card__price">{t("card.price", { price: previewPrice() })}</p>
          <Progress
            threshold={previewNumber(form.threshold, 1)}
            capacity={form.capacity.trim() ? previewNumber(form.capacity, 1) : null}
            seatsCommitted={0}
            seatsWaitlisted={0}
          />
          <Show when={previewDeadline()}>
            {(iso) => (
              <p class="card__when">
                {t("card.ends", { when: relative(iso()) })} · <time datetime={iso()}>{formatMoment(iso())}</time>
              </p>
            )}
          </Show>
          <p class="muted">{tp("deal.join.seatsHint", previewNumber(form.maxSeatsPerCommitment, 1))}</p>
          <Show when={form.description.trim()}>
            <p class="preview__description">{form.description}</p>
          </Show>
        </article>
      </aside>
    </div>
  );
}
