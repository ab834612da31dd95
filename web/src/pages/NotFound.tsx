// Any address the app does not know.
import { A } from "@solidjs/router";
import { t } from "../i18n/index.ts";
import { PageHeading } from "../components/States.tsx";
import { usePageTitle } from "../title.ts";

export default function NotFound() {
  usePageTitle(() => t("notFound.title"));
  return (
    <section class="narrow">
      <PageHeading>{t("notFound.title")}</PageHeading>
      <p>{t("notFound.text")}</p>
      <A href="/">{t("notFound.home")}</A>
    </section>
  );
}
