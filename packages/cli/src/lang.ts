// Which language the command speaks: --lang, else KOE_LANG, else the locale in LANG (or LC_ALL,
// LC_MESSAGES) when it is Japanese, else English. Decided before the help is built.
import type { Lang } from "@koe/core";
import { UsageError } from "./exit.js";
import { usageMessages as m } from "./messages.js";

/**
 * The language asked for on the command line or by the environment.
 * @example
 * chooseLang(["report", "--lang", "ja"], {}) // => "ja"
 * chooseLang(["--help"], { LANG: "ja_JP.UTF-8" }) // => "ja"
 * chooseLang(["--help"], { KOE_LANG: "en", LANG: "ja_JP.UTF-8" }) // => "en"
 * @throws {UsageError} for a --lang other than ja or en.
 */
export function chooseLang(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): Lang {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--") break;
    const value = a === "--lang" ? argv[i + 1] : a.startsWith("--lang=") ? a.slice("--lang=".length) : undefined;
    if (value === undefined) continue;
    if (value === "ja" || value === "en") return value;
    throw UsageError.of(m.badLang, { value }, fromEnv(env));
  }
  return fromEnv(env);
}

function fromEnv(env: Readonly<Record<string, string | undefined>>): Lang {
  const koe = env.KOE_LANG?.trim().toLowerCase();
  if (koe === "ja" || koe === "en") return koe;
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || "";
  return /^ja([_.-]|$)/i.test(locale) ? "ja" : "en";
}
