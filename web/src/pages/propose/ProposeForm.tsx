// The propose form: every field of the API, each checked in the browser with the API's own
// schema, its error next to it once the person has left it (or submitted), the server's verdict
// on the same fields, and the live preview beside it.
import { useNavigate } from "@solidjs/router";
import { createMemo, createSignal, Show } from "solid-js";
import { createStore } from "solid-js/store";
import { LIMITS } from "../../../../api/contract/fields.ts";
import { isApiError } from "../../api.ts";
import { mutation } from "../../data.ts";
import { t } from "../../i18n/index.ts";
import { emptyForm, serverIssues, validateProposal, type FieldName, type ProposalForm } from "./proposal.ts";
import { ProposalInput, type InputName, type ProposalControls } from "./ProposalInput.tsx";
import { Preview } from "./Preview.tsx";
import { proposeDeal } from "./actions.ts";
import { Failure, SubmitButton } from "../../components/States.tsx";
import { CoCreateFields } from "./CoCreateFields.tsx";
import { coCreateFields, type OptionRow, type TierRow } from "./coCreate.ts";

const fieldOf = (name: InputName): FieldName => (name === "price" ? "pricePerSeatCents" : name);

export function ProposeForm() {
  const [form, setForm] = createStore<ProposalForm>(emptyForm());
  const [visited, setVisited] = createStore<Partial<Record<FieldName, boolean>>>({});
  const [submitted, setSubmitted] = createSignal(false);
  // The last submit stopped at the browser's own checks: it says so until the next submit.
  const [refused, setRefused] = createSignal(false);
  // Fields changed since the server last answered: its verdict on them no longer holds.
  const [changed, setChanged] = createSignal<ReadonlySet<FieldName>>(new Set());
  const navigate = useNavigate();
  const proposing = mutation(proposeDeal);
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;

  const validated = createMemo(() => validateProposal({ ...form }));
  const [options, setOptions] = createStore<OptionRow[]>([]);
  const [tiers, setTiers] = createStore<TierRow[]>([]);
  const coCreate = createMemo(() => {
    const { body } = validated();
    return body ? coCreateFields(body, [...options], [...tiers]) : { extra: null, errors: [] };
  });
  const serverErrors = createMemo(() => {
    const [body] = proposing.input ?? [];
    return isApiError(proposing.error, "VALIDATION_FAILED") && body ? serverIssues(proposing.error.issues, body) : {};
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
    void proposing.run({ ...body, ...extra }).then((deal) => deal && navigate(`/deals/${deal.id}`));
  };

  const seats = { type: "number", inputmode: "numeric", min: "1", step: "1" } as const;

  return (
    <div class="propose-layout">
      <form class="propose panel" onSubmit={submit} novalidate>
        <fieldset class="field">
          <legend>{t("propose.kind")}</legend>
          <div class="choices">
            <label class="choice">
              <input type="radio" name="kind" value="trip" checked={form.kind === "trip"} onChange={() => setKind("trip")} />
              {t("propose.kind.trip")}
            </label>
            <label class="choice">
              <input type="radio" name="kind" value="deal" checked={form.kind === "deal"} onChange={() => setKind("deal")} />
              {t("propose.kind.deal")}
            </label>
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

        <CoCreateFields
          kind={form.kind}
          currency={form.currency}
          options={options}
          setOptions={setOptions}
          tiers={tiers}
          setTiers={setTiers}
          errors={submitted() ? coCreate().errors : []}
        />

        <Failure error={failure()} />
        <SubmitButton class="button button--large" pending={proposing.pending} label={t("propose.submit")} pendingLabel={t("propose.submitting")} />
      </form>

      <Preview form={form} />
    </div>
  );
}
