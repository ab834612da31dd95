// Propose a deal: the form for a signed-in visitor, else the way to sign in and come back.
import { Show } from "solid-js";
import { t } from "../../i18n/index.ts";
import { user } from "../../session.ts";
import { PageHeading, SignInFirst, usePageTitle } from "../../components/States.tsx";
import { ProposeForm } from "./ProposeForm.tsx";

export default function ProposePage() {
  usePageTitle(() => t("propose.title"));
  return (
    <section>
      <PageHeading>{t("propose.title")}</PageHeading>
      <p class="lead">{t("propose.intro")}</p>
      <Show when={user()} fallback={<SignInFirst next="/deals/new">{t("propose.signIn")}</SignInFirst>}>
        <ProposeForm />
      </Show>
    </section>
  );
}
