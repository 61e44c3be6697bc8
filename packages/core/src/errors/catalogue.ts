// The one mechanism behind every text koe shows a person: each message is defined once with its
// Japanese and English wording (vega-lite's `log/message.ts` habit). Messages are grouped by area in
// files beside this one (`messages.ts` for readers, `boundary-messages.ts`, …), all built here.

/** The languages koe writes in. */
export type Lang = "ja" | "en";

/** A text in both languages. */
export interface Localized {
  ja: string;
  en: string;
}

type Render<P> = (params: P) => string;

/** One catalogue entry: a stable code and its wording in both languages. */
export interface Message<P> {
  readonly code: string;
  readonly en: Render<P>;
  readonly ja: Render<P>;
}

type Defs = Record<string, { en: Render<never>; ja: Render<never> }>;
type ParamsOf<F> = F extends (params: infer P) => string ? P : never;

/**
 * Builds a group of catalogue entries; each key becomes the entry's code (`area.key`).
 * @example
 * const m = defineMessages("demo", { hello: { en: (p: { who: string }) => `hello ${p.who}`, ja: (p: { who: string }) => `${p.who}さん、こんにちは` } });
 * localize(m.hello, { who: "Aoi" }).ja // => "Aoiさん、こんにちは"
 */
export function defineMessages<const T extends Defs>(area: string, defs: T): { [K in keyof T]: Message<ParamsOf<T[K]["en"]>> } {
  const out: Record<string, Message<unknown>> = {};
  for (const [key, def] of Object.entries(defs)) {
    const message = { code: `${area}.${key}`, en: def.en as Render<unknown>, ja: def.ja as Render<unknown> };
    out[key] = message;
    byCode.set(message.code, message);
  }
  return out as { [K in keyof T]: Message<ParamsOf<T[K]["en"]>> };
}

// Every entry by its code, so that a note kept as data ({ code, params }) can be rendered later.
const byCode = new Map<string, Message<unknown>>();

/** The catalogue entry with this code (`area.key`), if one was defined. */
export function messageOfCode(code: string): Message<unknown> | undefined {
  return byCode.get(code);
}

const fromEnv = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.KOE_LANG;
let current: Lang = fromEnv === "ja" ? "ja" : "en";

/** Sets the language of messages; the public, checked entry is `setLanguage` (errors/language.ts). */
export function setCurrentLanguage(lang: Lang): void {
  current = lang;
}

/** The language set by {@link setLanguage}. */
export function getLanguage(): Lang {
  return current;
}

/** A catalogue entry rendered in both languages. */
export function localize<P>(message: Message<P>, params: P): Localized {
  return { ja: message.ja(params), en: message.en(params) };
}

// Small helpers the catalogue files share for quoting and listing values.
export const q = (s: unknown) => JSON.stringify(typeof s === "string" ? s : String(s));
export const show = (v: unknown) => (typeof v === "string" ? JSON.stringify(v) : v === undefined ? "undefined" : typeof v === "object" && v !== null ? (Array.isArray(v) ? "[…]" : "{…}") : String(v));
export function list(values: readonly unknown[], max = 12): string {
  return values.slice(0, max).map(q).join(", ") + (values.length > max ? `, … (+${values.length - max})` : "");
}
export function listJa(values: readonly unknown[], max = 12): string {
  return values.slice(0, max).map((v) => `「${String(v)}」`).join("、") + (values.length > max ? `、…（ほか${values.length - max}件）` : "");
}

/**
 * A warning as data, like an error that does not stop the computation: a stable code, the
 * params it names, its text in the current language and in both (`localized`).
 */
export interface KoeWarning {
  code: string;
  params: Record<string, unknown>;
  message: string;
  localized: Localized;
}

/** A {@link KoeWarning} from a catalogue entry. */
export function warningOf<P extends object>(message: Message<P>, params: P): KoeWarning {
  const localized = localize(message, params);
  return { code: message.code, params: params as Record<string, unknown>, message: localized[current], localized };
}
