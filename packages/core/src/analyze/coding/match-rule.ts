// Matching a parsed coding rule against a text, with the spans in the original text.
import { normalizeText, type NormalizedText } from "./normalize.js";
import { parseRule, type Rule, type RuleNode } from "./rule.js";
import { japaneseTokens, type JapaneseToken } from "./tokenize.js";

/** A matched range of the original text: `text.slice(start, end)` are the words behind a count. */
export interface Span {
  start: number;
  end: number;
}

/** Whether a rule matched, and the spans (in the original text, sorted, merged) that made it match. */
export interface RuleMatch {
  matched: boolean;
  spans: Span[];
}

type Hit = { matched: boolean; spans: Span[] };

/**
 * A text made ready for matching many rules: normalised once (NFKC, lower case, with the map back
 * to the original), tokenised at most once and only if a rule has `word(…)`. Build it with
 * {@link prepareText} and match it with {@link matchPrepared}.
 */
export interface PreparedText {
  /** The text as given; spans are positions in it. */
  readonly original: string;
  /** The normalised text the rules are compared with, and its map back to `original`. */
  readonly normalized: NormalizedText;
  /** The tokens of the normalised text (positions in it), computed on first use. */
  readonly tokens: readonly JapaneseToken[];
}

class Prepared implements PreparedText {
  private tokenList: JapaneseToken[] | null = null;
  private index: Map<string, number[]> | null = null;
  constructor(
    readonly original: string,
    readonly normalized: NormalizedText,
  ) {}
  get tokens(): readonly JapaneseToken[] {
    this.tokenList ??= japaneseTokens(this.normalized.text);
    return this.tokenList;
  }
  /** Where each base form occurs: token indices, in order. */
  tokensByBase(): Map<string, number[]> {
    if (this.index === null) {
      this.index = new Map();
      this.tokens.forEach((t, i) => {
        const at = this.index!.get(t.base);
        if (at === undefined) this.index!.set(t.base, [i]);
        else at.push(i);
      });
    }
    return this.index;
  }
}

// The base forms of a word(…)'s argument, tokenised once per process: word(持つ) → ["持つ"],
// word(キャリア形成) → ["キャリア", "形成"]. Bounded, since rules come from users.
const wordBases = new Map<string, readonly string[]>();
function basesOf(word: string): readonly string[] {
  let bases = wordBases.get(word);
  if (bases === undefined) {
    bases = japaneseTokens(word).map((t) => t.base);
    if (wordBases.size >= 10_000) wordBases.clear();
    wordBases.set(word, bases);
  }
  return bases;
}

/** Runs of tokens whose base forms are, in order, those of the word: spans in the normalised text. */
function wordSpans(word: string, prepared: Prepared): Span[] {
  const bases = basesOf(word);
  const tokens = prepared.tokens;
  const out: Span[] = [];
  for (const i of prepared.tokensByBase().get(bases[0]!) ?? []) {
    if (bases.every((b, k) => tokens[i + k]?.base === b)) out.push({ start: tokens[i]!.start, end: tokens[i + bases.length - 1]!.end });
  }
  return out;
}

function occurrences(text: string, term: string): Span[] {
  const out: Span[] = [];
  for (let i = text.indexOf(term); i >= 0; i = text.indexOf(term, i + 1)) out.push({ start: i, end: i + term.length });
  return out;
}

function gap(x: Span, y: Span): number {
  if (x.end <= y.start) return y.start - x.end;
  if (y.end <= x.start) return x.start - y.end;
  return 0;
}

function evaluate(node: RuleNode, prepared: Prepared): Hit {
  const text = prepared.normalized.text;
  switch (node.type) {
    case "word": {
      const spans = wordSpans(node.base, prepared);
      return { matched: spans.length > 0, spans };
    }
    case "term": {
      const spans = occurrences(text, node.text);
      return { matched: spans.length > 0, spans };
    }
    case "regex": {
      const spans: Span[] = [];
      node.regex.lastIndex = 0;
      for (const match of text.matchAll(node.regex)) {
        if (match[0].length > 0) spans.push({ start: match.index, end: match.index + match[0].length });
      }
      return { matched: spans.length > 0, spans };
    }
    case "near": {
      const as = occurrences(text, node.a);
      const bs = occurrences(text, node.b);
      const spans: Span[] = [];
      for (const x of as) for (const y of bs) if (gap(x, y) <= node.distance) spans.push(x, y);
      return { matched: spans.length > 0, spans };
    }
    case "not":
      return { matched: !evaluate(node.arg, prepared).matched, spans: [] };
    case "and": {
      const spans: Span[] = [];
      for (const arg of node.args) {
        const hit = evaluate(arg, prepared);
        if (!hit.matched) return { matched: false, spans: [] };
        spans.push(...hit.spans);
      }
      return { matched: true, spans };
    }
    case "or": {
      const spans: Span[] = [];
      let matched = false;
      for (const arg of node.args) {
        const hit = evaluate(arg, prepared);
        if (hit.matched) {
          matched = true;
          spans.push(...hit.spans);
        }
      }
      return { matched, spans };
    }
  }
}

/** Normalised spans → original spans, sorted and with overlaps merged. */
function toOriginal(spans: Span[], norm: NormalizedText): Span[] {
  const mapped = spans
    .filter((s) => s.end > s.start)
    .map((s) => ({ start: norm.from[s.start]!, end: norm.to[s.end - 1]! }))
    .sort((x, y) => x.start - y.start || x.end - y.end);
  const out: Span[] = [];
  for (const s of mapped) {
    const last = out[out.length - 1];
    if (last !== undefined && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ ...s });
  }
  return out;
}

/**
 * Matches a coding rule (parsed by {@link parseRule}, or its text) against a text, compared after
 * NFKC and lower-casing. The spans are positions in the ORIGINAL text (half-width ｶﾞ counts as the
 * two characters it is), sorted and merged; a `not` contributes no span. `near(a, b, N)` matches
 * when an occurrence of a and one of b are at most N characters apart, counted from the end of the
 * one to the start of the other, in either order (overlapping occurrences are 0 apart). `word(x)`
 * matches the tokens whose base form is x, and its span is the whole token (持っ of 持って).
 *
 * @example
 * matchRule("ＫＰＩ and not 残業", "kpiの話")     // => { matched: true, spans: [{ start: 0, end: 3 }] }
 * matchRule("near(異動, 希望, 2)", "希望した異動") // => { matched: true, spans: [{ start: 0, end: 2 }, { start: 4, end: 6 }] }
 * matchRule("ガ", "ｶﾞｲﾄﾞ")                          // => { matched: true, spans: [{ start: 0, end: 2 }] }
 * matchRule("word(持つ)", "関心を持ちたい")         // => { matched: true, spans: [{ start: 3, end: 5 }] }
 * matchRule("word(持つ)", "持ち株会").matched       // => false
 */
export function matchRule(rule: Rule | string, text: string): RuleMatch {
  return matchPrepared(typeof rule === "string" ? parseRule(rule) : rule, prepareText(text));
}

/**
 * Prepares a text for matching several rules: the normalisation is done once here, not once per
 * rule. Pass the result to {@link matchPrepared}.
 *
 * @example
 * prepareText("ＫＰＩの話").normalized.text // => "kpiの話"
 */
export function prepareText(text: string): PreparedText {
  return new Prepared(text, normalizeText(text));
}

/**
 * Matches a parsed rule against a text prepared by {@link prepareText}; the same result as
 * {@link matchRule}, without normalising the text again for every rule.
 *
 * @example
 * const prepared = prepareText("上司との対話がない")
 * matchPrepared(parseRule("上司 and 対話"), prepared) // => { matched: true, spans: [{ start: 0, end: 2 }, { start: 4, end: 6 }] }
 * matchPrepared(parseRule("異動"), prepared).matched // => false
 */
export function matchPrepared(rule: Rule, prepared: PreparedText): RuleMatch {
  const norm = prepared.normalized;
  const hit = evaluate(rule.root, prepared instanceof Prepared ? prepared : new Prepared(prepared.original, norm));
  return { matched: hit.matched, spans: hit.matched ? toOriginal(hit.spans, norm) : [] };
}
