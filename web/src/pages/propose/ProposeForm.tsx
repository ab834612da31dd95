// The propose form: every field of the API, each checked in the browser with the API's own
// schema and cross-field rules, all errors at once: next to a field once the person has left it
// (a prefilled field only once they changed it), every one on submit; the server's verdict on the
// same fields, and the live preview beside it. The manage page reuses it to edit a deal:
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
import { emptyForm, formOf, knownFacts, RULE_READS, serverIssues, validateEdit, validateProposal, type FieldName, type ProposalForm } from "./proposal.ts";
import { ProposalInput, type InputName, type ProposalControls } from "./ProposalInput.tsx";
import { editDeal, proposeDeal } from "./actions.ts";
import { Failure, SubmitButton } from "../../components/States.tsx";
import type { coCreateFields as CoCreateRules, OptionRow, TierRow } from "./coCreate.ts";
import { CurrencySelect } from "./CurrencySelect.tsx";
import { createPressHold } from "./pressHold.ts";

// Options and price tiers are for proposing only, and few use them: their fields, and the rules
// that check them, load after the form.
let coCreateFields: typeof CoCreateRules | undefined;
const CoCreateFields = lazy(() =>
  import("./CoCreateFields.tsx").then((m) => {
    coCreateFields = m.coCreateFields;
    return { default: m.CoCreateFields };
  }),
);
// The preview sits beside the form (below it on a phone) and follows what is typed: it can come a
// moment after the form, which keeps the page's first load within its budget.
const Preview = lazy(() => import("./Preview.tsx").then((m) => ({ default: m.Preview })));
// paying at the tip: the time to pay once confirmed, chosen when proposing
const PaymentWindowField = lazy(() => import("./PaymentWindowField.tsx"));

const fieldOf = (name: InputName): FieldName => (name === "price" ? "pricePerSeatCents" : name);
const inputOf = (name: FieldName): keyof ProposalForm => (name === "pricePerSeatCents" ? "price" : name);

/** What may still change once someone has committed (the capacity only upwards). */
const UNLOCKED = new Set<FieldName>(["description", "capacity"]);

export function ProposeForm(props: { editing?: Deal }) {
  // Editing starts from the deal as it was read; a save moves this starting point on.
  const [initial, setInitial] = createSignal<ProposalForm>(props.editing ? formOf(props.editing) : emptyForm());
  const [form, setForm] = createStore<ProposalForm>({ ...initial() });
  const locked = (name: FieldName) => !!props.editing?.termsLocked && !UNLOCKED.has(name);
  const [visited, setVisited] = createStore<Partial<Record<FieldName, boolean>>>({});
  // Fields the person typed in: a prefilled one is not theirs to fix until they do.
  const [edited, setEdited] = createStore<Partial<Record<FieldName, boolean>>>({});
  const hold = createPressHold();
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
  // The time to pay, in hours: null while its field is invalid; unset until the field loads (the server's default).
  let payWindow: number | null | undefined;
  const coCreate = createMemo(() => {
    // Options and tiers belong to proposing; an edit has none to check. Their rules run on the
    // fields that are valid so far, so their errors come with the others'.
    // Without options or tiers there is nothing to check (and rows come only from their fields,
    // whose module brings the rules).
    if (props.editing || !coCreateFields || (!options.length && !tiers.length)) return { extra: {}, errors: [] };
    return coCreateFields(knownFacts({ ...form }), [...options], [...tiers]);
  });
  const serverErrors = createMemo(() => {
    const [body] = proposing.input ?? [];
    const full = { ...props.editing, ...body } as CreateDealInput;
    return isApiError(proposing.error, "VALIDATION_FAILED") && body ? serverIssues(proposing.error.issues, full) : {};
  });
  // Left by the person, and either typed in or empty to start with.
  const seen = (name: FieldName) => !!visited[name] && (!!edited[name] || initial()[inputOf(name)] === "");
  const shown = createMemo(() => {
    const { errors } = validated();
    if (submitted()) return errors;
    const out: Partial<Record<FieldName, string>> = {};
    for (const [name, message] of Object.entries(errors) as [FieldName, string][]) {
      // A rule broken by a change to another field is told there (capacity below a prefilled "most seats").
      const at = seen(name) ? name : (RULE_READS[name] ?? []).find((k) => seen(k) && !errors[k]);
      if (at) out[at] ??= message;
    }
    return out;
  });
  const errorFor = (name: FieldName) => (changed().has(name) ? undefined : serverErrors()[name]) ?? shown()[name];
  const failure = () => (refused() || isApiError(proposing.error, "VALIDATION_FAILED") ? t("propose.fix") : proposing.error);

  const change = (name: FieldName) => {
    setChanged((s) => new Set(s).add(name));
    setEdited(name, true);
  };
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
    leave: (name) => hold(() => setVisited(fieldOf(name), true)),
    error: (name) => errorFor(fieldOf(name)),
    locked: (name) => locked(fieldOf(name)),
  };

  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    setSubmitted(true);
    const { body } = validated();
    const extra = payWindow === null ? null : coCreate().extra;
    setRefused(!body || !extra);
    if (!body || !extra) {
      queueMicrotask(() => document.querySelector<HTMLElement>(".propose [aria-invalid='true']")?.focus());
      return;
    }
    setChanged(new Set<FieldName>());
    // Options and price tiers are chosen when proposing; an edit leaves them as they are.
    void proposing.run(props.editing ? body : { ...body, ...extra, paymentWindowHours: payWindow as number | undefined }).then((deal) => {
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
          <CurrencySelect
            label={locked("currency") ? `${t("propose.currency")} (${t("manage.edit.lockedField")})` : t("propose.currency")}
            value={form.currency}
            onChange={(code) => {
              set("currency", code);
              setVisited("currency", true);
            }}
            error={errorFor("currency")}
            locked={locked("currency")}
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
            <PaymentWindowField onChange={(hours) => (payWindow = hours)} submitted={submitted()} />
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
        <Suspense>
          <Preview form={form} />
        </Suspense>
      </Show>
    </div>
  );
}
