// The three message catalogues: the same keys, no empty messages, the same placeholders, plural
// pairs, and a message for every API error code and every status the API can send.
import { describe, expect, it } from "vitest";
import { en } from "../../api/contract/i18n/en.ts";
import { nl } from "../../api/contract/i18n/nl.ts";
import { de } from "../../api/contract/i18n/de.ts";
import { errorStatus } from "../../api/errors.ts";
import { CommitmentStatus, DealStatus, fields } from "../../api/contract/schemas.ts";

const catalogues: Record<string, Record<string, string>> = { en, nl, de };
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("the message catalogues", () => {
  const reference = Object.keys(en).sort();

  for (const [lang, messages] of Object.entries(catalogues)) {
    it(`${lang} has exactly the English keys`, () => {
      expect(Object.keys(messages).sort()).toEqual(reference);
    });

    it(`${lang} has no empty message`, () => {
      const empty = Object.entries(messages).filter(([, v]) => typeof v !== "string" || v.trim() === "");
      expect(empty).toEqual([]);
    });

    it(`${lang} uses the same placeholders as English`, () => {
      const differ = reference.filter((k) => placeholders(messages[k]!).join() !== placeholders(en[k as keyof typeof en]).join());
      expect(differ).toEqual([]);
    });
  }

  it("has both plural forms of every counted message", () => {
    const bases = reference.filter((k) => /\.(one|other)$/.test(k)).map((k) => k.replace(/\.(one|other)$/, ""));
    for (const base of new Set(bases)) {
      expect(reference, base).toContain(`${base}.one`);
      expect(reference, base).toContain(`${base}.other`);
    }
  });

  it("has a message for every API error code, and for network failures", () => {
    for (const code of [...Object.keys(errorStatus), "NETWORK", "UNKNOWN"]) expect(reference).toContain(`error.${code}`);
  });

  it("names every status, commitment status and kind the API sends", () => {
    for (const s of DealStatus.options) expect(reference).toContain(`status.${s}`);
    for (const s of CommitmentStatus.options) expect(reference).toContain(`commitment.${s}`);
    for (const k of fields.kind.options) expect(reference).toContain(`kind.${k}`);
  });

  it("is not just English copied", () => {
    for (const lang of ["nl", "de"]) {
      const same = reference.filter((k) => catalogues[lang]![k] === en[k as keyof typeof en]);
      // Language names, "Quorum", "Deal" and the like may match; most messages must not.
      expect(same.length, `${lang}: ${same.join(", ")}`).toBeLessThan(reference.length / 10);
    }
  });
});

describe("the components", () => {
  it("say nothing in words of their own: every text comes from the catalogue", async () => {
    const { readdirSync, readFileSync } = await import("node:fs");
    const { join } = await import("node:path");
    const dir = join(import.meta.dirname, "..", "..", "web", "src");
    const files = readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".tsx"));
    expect(files.length).toBeGreaterThan(10);
    // The brand name is the same in every language.
    const allowed = new Set(["Quorum", "Q"]);
    const found: string[] = [];
    for (const file of files) {
      const lines = readFileSync(join(dir, file), "utf8").split("\n");
      lines.forEach((line, i) => {
        // Text between tags on one line: <p>Hello</p> (not an arrow function's `=> Type<…>`).
        for (const m of line.matchAll(/(?<!=)>([^<>{}]*\p{L}{2,}[^<>{}]*)</gu)) {
          const text = m[1]!.trim();
          if (!allowed.has(text) && !/[=();]/.test(text)) found.push(`${file}:${i + 1}: ${text}`);
        }
        // Text on a line of its own inside an element.
        const text = line.trim();
        if (i > 0 && lines[i - 1]!.trimEnd().endsWith(">") && /^\p{L}[^<>{}=;()]*$/u.test(text) && !allowed.has(text)) {
          found.push(`${file}:${i + 1}: ${text}`);
        }
        // Literal labels for assistive technology.
        for (const m of line.matchAll(/\b(aria-label|title|placeholder|alt)="([^"]+)"/g)) found.push(`${file}:${i + 1}: ${m[0]}`);
      });
    }
    expect(found).toEqual([]);
  });
});
