// The entry: load the language's catalogue and the session together, then render.
import { render } from "solid-js/web";
import { initialLanguage, loadLanguage } from "./i18n/index.ts";
import { loadSession } from "./session.ts";
import { App } from "./App.tsx";
import "./styles.css";

const root = document.getElementById("app")!;
Promise.all([loadLanguage(initialLanguage()), loadSession()]).then(
  () => {
    root.replaceChildren();
    render(() => <App />, root);
  },
  (e: unknown) => {
    // The language chunk did not load (a deploy replaced it, or the network failed): the shell
    // in index.html says so in all three languages.
    console.error(e);
    root.classList.add("boot-failed");
  },
);
