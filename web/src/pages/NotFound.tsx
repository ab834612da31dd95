// Any address the app does not know.
import { t } from "../i18n/index.ts";
import { Missing } from "../components/States.tsx";

export default function NotFound() {
  return <Missing title={t("notFound.title")} text={t("notFound.text")} />;
}
