import { closest } from "../boundary/closest.js";
import { defineMessages, setCurrentLanguage, type Lang } from "./catalogue.js";
import { KoeArgumentError } from "./errors.js";

const messages = defineMessages("language", {
  unknown: {
    en: (p: { got: unknown; suggestion: string | null }) => `setLanguage: "ja" or "en" (got ${JSON.stringify(p.got)})${p.suggestion ? `; did you mean "${p.suggestion}"?` : ""}`,
    ja: (p: { got: unknown; suggestion: string | null }) => `setLanguage: 言語は "ja" か "en" です（渡された値: ${JSON.stringify(p.got)}）`,
  },
});

/**
 * The language of `error.message`, of an issue's and a warning's `message` (default English, or
 * `KOE_LANG=ja` in the environment). Both languages are always kept in `localized`.
 * @example
 * setLanguage("ja"); getLanguage() // => "ja"
 * setLanguage("en")
 * setLanguage("jp") // throws: did you mean "ja"?
 */
export function setLanguage(lang: Lang): void {
  if (lang !== "ja" && lang !== "en") throw KoeArgumentError.of(messages.unknown, { got: lang, suggestion: typeof lang === "string" ? closest(lang, ["ja", "en"]) : null });
  setCurrentLanguage(lang);
}
