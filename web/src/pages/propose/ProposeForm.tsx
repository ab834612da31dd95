// The propose form: every field of the API, each checked in the browser with the API's own
// schema, its error next to it once the person has left it (or submitted), the server's verdict
// on the same fields, and the live preview beside it. The manage page reuses it to edit a deal:
// then only changed fields are checked and sent, and once someone has committed, the locked
// terms are shown as locked, with why.
import { useNavigate } from "@solidjs/router";
import { createMemo, createSignal, lazy, Show, Suspense, type JSX } from "solid-js";
import { createStore } from "solid-js/store";
import { LIMITS } from "../../../../api/contract/fields.ts";
import { isApiError } from "../../api.ts";
import { mutation } from "../../data.ts";
import { t } from "../../i18n/index.ts";
import type { CreateDealInput } from "../../../../api/contract/schemas.ts";
import type { Deal } from "../../api.ts";
import { emptyForm, formOf, serverIssues, validateEdit, validateProposal, type FieldName, type ProposalForm } from "./proposal.ts";
import { ProposalInput, type InputName, type ProposalControls } from "./ProposalInput.tsx";
import { Preview } from "./Preview.tsx";
import { editDeal, proposeDeal } from "./actions.ts";
import { Failure, SubmitButton } from "../../components/States.tsx";
import { coCreateFields, type OptionRow, type TierRow } from "./coCreate.ts";

// Options and price tiers are for proposing only, and few use them: their fields load after the form.
const CoCreateFields = lazy(() => import("./CoCreateFields.tsx").then((m) => ({ default: m.CoCreateFields })));

const fieldOf = (name: InputName): FieldName => (name === "price" ? "pricePerSeatCents" : name);

/** What may still change once someone has committed (the capacity only upwards). */
const UNLOCKED = new Set<FieldName>(["description", "capacity"]);

export function ProposeForm(props: { editing?: Deal }) {
  // Editing starts from the deal as it was read; a save moves this starting point on.
  const [initial, setInitial] = createSignal<ProposalForm>(props.editing ? formOf(props.editing) : emptyForm());
  const [form, setForm] = createStore<ProposalForm>({ ...initial() });
  const locked = (name: FieldName) => !!props.editing?.termsLocked && !UNLOCKED.has(name);
  const [visited, setVisited] = createStore<Partial<Record<FieldName, boolean>>>({});
  const [submitted, setSubmitted] = createSignal(false);
  // The last submit stopped at the browser's own checks: it says so until the next submit.
  const [refused, setRefused] = createSignal(false);
  // Fields changed since the server last answered: its verdict on them no longer holds.
  const [changed, setChanged] = createSignal<ReadonlySet<FieldName>>(new Set());
  const navigate = useNavigate();
  const proposing = mutation((body: CreateDealInput | Partial<CreateDealInput>) =>
    props.editing ? editDeal(props.editing.id, body) : proposeDeal(body as CreateDealInput),
  );
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;

  const validated = createMemo(() => (props.editing ? validateEdit({ ...form }, initial()) : validateProposal({ ...form })));
  const [options, setOptions] = createStore<OptionRow[]>([]);
  const [tiers, setTiers] = createStore<TierRow[]>([]);
  const coCreate = createMemo(() => {
    const { body } = validated();
    // Options and tiers belong to proposing; an edit has none to check.
    if (props.editing) return { extra: {}, errors: [] };
    return body ? coCreateFields(body as CreateDealInput, [...options], [...tiers]) : { extra: null, errors: [] };
  });
  const serverErrors = createMemo(() => {
    const [body] = proposing.input ?? [];
    const full = { ...props.editing, ...body } as CreateDealInput;
    return isApiError(proposing.error, "VALIDATION_FAILED") && body ? serverIssues(proposing.error.issues, full) : {};
  });
  const errorFor = (name: FieldName) =>
    (changed().has(name) ? undefined : serverErrors()[name]) ?? (submitted() || visited[name] ? validated().errors[name] : undefined);
  const failure = () => (refused() || isApiError(proposing.error, "VALIDATION_FAILED") ? t("propose.fix") : proposing.error);

  const change = (name: FieldName) => setChanged((s) => new Set(s).add(name));
  const set = (name: InputName, value: string) => {
    setForm(name, name === "currency" ? value.toUpperCase() : value);
    change(fieldOf(name));
  };
  const setKind = (kind: ProposalForm["kind"]) => {
    setForm("kind", kind);
    change("kind");
  };
  const controls: ProposalControls = {
    value: (name) => form[name],
    set,
    leave: (name) => setVisited(fieldOf(name), true),
    error: (name) => errorFor(fieldOf(name)),
    locked: (name) => locked(fieldOf(name)),
  };

  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    setSubmitted(true);
    const { body } = validated();
    const { extra } = coCreate();
    setRefused(!body || !extra);
    if (!body || !extra) {
      queueMicrotask(() => document.querySelector<HTMLElement>(".propose [aria-invalid='true']")?.focus());
      return;
    }
    setChanged(new Set<FieldName>());
    // Options and price tiers are chosen when proposing; an edit leaves them as they are.
    void proposing.run(props.editing ? body : { ...body, ...extra }).then((deal) => {
      if (!deal) return;
      // A new deal opens with the moment to share it; in the history entry's state, so a reload
      // or a shared link does not show it again.
      if (!props.editing) return navigate(`/deals/${deal.id}`, { state: { justProposed: true } });
      setInitial(formOf(deal));
      setForm({ ...initial() });
    });
  };
  const setVisibility = (visibility: ProposalForm["visibility"]) => {
    setForm("visibility", visibility);
    change("visibility");
  };
  const choice = (name: string, checked: boolean, disabled: boolean, onChange: () => void, label: string): JSX.Element => (
    <label class="choice">
      <input type="radio" name={name} checked={checked} disabled={disabled} onChange={onChange} />
      {label}
    </label>
  );

  const seats = { type: "number", inputmode: "numeric", min: "1", step: "1" } as const;

  return (
    <div class="propose-layout">
      <form class="propose panel" onSubmit={submit} novalidate>
        <Show when={props.editing?.termsLocked}>
          <p class="notice notice--warning">{t("manage.edit.locked")}</p>
        </Show>
        <fieldset class="field">
          <legend>{t("propose.kind")}</legend>
          <div class="choices">
            {choice("kind", form.kind === "trip", locked("kind"), () => setKind("trip"), t("propose.kind.trip"))}
            {choice("kind", form.kind === "deal", locked("kind"), () => setKind("deal"), t("propose.kind.deal"))}
          </div>
        </fieldset>

        <ProposalInput
          controls={controls}
          name="title"
          label={t("propose.titleField")}
          hint={t("propose.titleHint", { min: LIMITS.titleMin, max: LIMITS.titleMax })}
          type="text"
          maxlength={LIMITS.titleMax}
          required
        />
        <ProposalInput
          controls={controls}
          name="description"
          label={t("propose.description")}
          hint={t("propose.descriptionHint", { max: LIMITS.descriptionMax })}
          multiline
          maxlength={LIMITS.descriptionMax}
        />

        <Show when={form.kind === "trip"}>
          <ProposalInput controls={controls} name="destination" label={t("propose.destination")} type="text" maxlength={LIMITS.destinationMax} />
          <div class="row">
            <ProposalInput controls={controls} name="departsOn" label={t("propose.departsOn")} type="date" />
            <ProposalInput controls={controls} name="returnsOn" label={t("propose.returnsOn")} type="date" />
          </div>
        </Show>

        <div class="row">
          <ProposalInput controls={controls} name="price" label={t("propose.price")} type="text" inputmode="decimal" autocomplete="off" required />
          <ProposalInput
            controls={controls}
            name="currency"
            label={t("propose.currency")}
            hint={t("propose.currencyHint")}
            class="field--short"
            type="text"
            maxlength="3"
            autocapitalize="characters"
            autocomplete="off"
            required
          />
        </div>

        <div class="row">
          <ProposalInput controls={controls} name="threshold" label={t("propose.threshold")} {...seats} max={LIMITS.thresholdMax} required />
          <ProposalInput controls={controls} name="capacity" label={t("propose.capacity")} hint={t("propose.capacityHint")} {...seats} max={LIMITS.thresholdMax} />
        </div>

        <div class="row">
          <ProposalInput
            controls={controls}
            name="maxSeatsPerCommitment"
            label={t("propose.maxSeats")}
            {...seats}
            max={LIMITS.seatsPerCommitmentMax}
            required
          />
          <ProposalInput
            controls={controls}
            name="deadline"
            label={t("propose.deadline")}
            hint={t("propose.deadlineHint", { zone })}
            type="datetime-local"
            required
          />
        </div>

        <fieldset class="field">
          <legend>{t("propose.visibility")}</legend>
          <div class="choices">
            {choice("visibility", form.visibility === "public", locked("visibility"), () => setVisibility("public"), t("propose.visibility.public"))}
            {choice("visibility", form.visibility === "unlisted", locked("visibility"), () => setVisibility("unlisted"), t("propose.visibility.unlisted"))}
          </div>
        </fieldset>

        <details class="more-options" open={!!form.softThreshold}>
          <summary>{t("propose.more")}</summary>
          <ProposalInput
            controls={controls}
            name="softThreshold"
            label={t("propose.softThreshold")}
            hint={t("propose.softThresholdHint")}
            {...seats}
            max={LIMITS.thresholdMax}
          />
        </details>

        <Show when={!props.editing}>
          <Suspense>
            <CoCreateFields
              kind={form.kind}
              currency={form.currency}
              options={options}
              setOptions={setOptions}
              tiers={tiers}
              setTiers={setTiers}
              errors={submitted() ? coCreate().errors : []}
            />
          </Suspense>
        </Show>

        <Failure error={failure()} />
        <Show when={props.editing && proposing.result && !proposing.pending && !changed().size}>
          <p class="notice notice--success" role="status">
            {t("manage.edit.saved")}
          </p>
        </Show>
        <Show
          when={props.editing}
          fallback={
            <SubmitButton class="button button--large" pending={proposing.pending} label={t("propose.submit")} pendingLabel={t("propose.submitting")} />
          }
        >
          <SubmitButton class="button" pending={proposing.pending} label={t("manage.edit.save")} pendingLabel={t("manage.edit.saving")} />
        </Show>
      </form>

      <Show when={!props.editing}>
        <Preview form={form} />
      </Show>
    </div>
  );
}
