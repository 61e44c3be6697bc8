// Matching a parsed coding rule against a text, with the spans in the original text.
import { normalizeText, type NormalizedText } from "./normalize.js";
import { parseRule, type Rule, type RuleNode } from "./rule.js";
import { chunkTokens, japaneseTokens, mayHaveBase, textChunks, type JapaneseToken, type TextChunk } from "./tokenize.js";

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

/**
 * A text made ready for matching many rules: normalised once (NFKC, lower case, with the map back
 * to the original), tokenised at most once and only where a `word(…)` of a rule may occur (its
 * sentences or clauses, cut at 。、！？ and line breaks). Build it with {@link prepareText} and
 * match it with {@link matchPrepared}.
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
  private chunkList: TextChunk[] | null = null;
  private readonly chunkTokenLists: JapaneseToken[][] = [];
  private tokenList: JapaneseToken[] | null = null;
  constructor(
    readonly original: string,
    readonly normalized: NormalizedText,
  ) {}
  get tokens(): readonly JapaneseToken[] {
    this.tokenList ??= this.chunks().flatMap((_, c) => this.tokensOf(c));
    return this.tokenList;
  }
  /** The chunks the normalised text is tokenised in. */
  chunks(): readonly TextChunk[] {
    return (this.chunkList ??= textChunks(this.normalized.text));
  }
  /** The tokens of chunk c (positions in the normalised text), tokenised on first use. */
  tokensOf(c: number): readonly JapaneseToken[] {
    return (this.chunkTokenLists[c] ??= chunkTokens(this.chunks()[c]!));
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

/**
 * Runs of tokens whose base forms are, in order, those of the word: spans in the normalised text.
 * Only the chunks in which a token with the first base form may start ({@link mayHaveBase}) are
 * tokenised, and a text with none is not tokenised at all; a run may go on into the next chunks.
 */
function wordSpans(word: string, prepared: Prepared): Span[] {
  const bases = basesOf(word);
  const first = bases[0]!;
  if (!mayHaveBase(prepared.normalized.text, first)) return [];
  const chunks = prepared.chunks();
  const out: Span[] = [];
  for (let c = 0; c < chunks.length; c++) {
    if (!mayHaveBase(chunks[c]!.text, first)) continue;
    prepared.tokensOf(c).forEach((t, i) => {
      if (t.base !== first) return;
      const end = runEnd(prepared, c, i, bases);
      if (end !== null) out.push({ start: t.start, end });
    });
  }
  return out;
}

/** The end of the run of tokens with these base forms that starts at token i of chunk c, or null when there is none. */
function runEnd(prepared: Prepared, c: number, i: number, bases: readonly string[]): number | null {
  const chunks = prepared.chunks().length;
  let end = prepared.tokensOf(c)[i]!.end;
  for (let k = 1; k < bases.length; k++) {
    i++;
    while (c < chunks && i >= prepared.tokensOf(c).length) {
      c++;
      i = 0;
    }
    if (c === chunks) return null;
    const t = prepared.tokensOf(c)[i]!;
    if (t.base !== bases[k]) return null;
    end = t.end;
  }
  return end;
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

type NearNode = Extract<RuleNode, { type: "near" }>;

/** The pairs of occurrences of a and b at most N apart, both pushed into `out`; without `out`, whether there is one. */
function nearPairs(text: string, node: NearNode, out?: Span[]): boolean {
  if (!text.includes(node.a) || !text.includes(node.b)) return false;
  const bs = occurrences(text, node.b);
  let found = false;
  for (const x of occurrences(text, node.a)) {
    for (const y of bs) {
      if (gap(x, y) > node.distance) continue;
      if (out === undefined) return true;
      out.push(x, y);
      found = true;
    }
  }
  return found;
}

/** Whether a regex has a match that is not empty (an empty match is no match). */
function regexMatches(text: string, regex: RegExp): boolean {
  regex.lastIndex = 0;
  const first = regex.exec(text);
  regex.lastIndex = 0;
  if (first === null) return false;
  if (first[0].length > 0) return true;
  for (const match of text.matchAll(regex)) if (match[0].length > 0) return true;
  return false;
}

/** Whether a node matches: stops at the first occurrence, builds no spans. */
function matches(node: RuleNode, prepared: Prepared): boolean {
  const text = prepared.normalized.text;
  switch (node.type) {
    case "word":
      return wordSpans(node.base, prepared).length > 0;
    case "term":
      return text.includes(node.text);
    case "regex":
      return regexMatches(text, node.regex);
    case "near":
      return nearPairs(text, node);
    case "not":
      return !matches(node.arg, prepared);
    case "and":
      return node.args.every((arg) => matches(arg, prepared));
    case "or":
      return node.args.some((arg) => matches(arg, prepared));
  }
}

/** The spans (in the normalised text) of a node that {@link matches}: a `not` gives none, an `or` those of its matching arguments. */
function spansOf(node: RuleNode, prepared: Prepared): Span[] {
  const text = prepared.normalized.text;
  switch (node.type) {
    case "word":
      return wordSpans(node.base, prepared);
    case "term":
      return occurrences(text, node.text);
    case "regex": {
      const spans: Span[] = [];
      node.regex.lastIndex = 0;
      for (const match of text.matchAll(node.regex)) {
        if (match[0].length > 0) spans.push({ start: match.index, end: match.index + match[0].length });
      }
      return spans;
    }
    case "near": {
      const spans: Span[] = [];
      nearPairs(text, node, spans);
      return spans;
    }
    case "not":
      return [];
    case "and":
      return node.args.flatMap((arg) => spansOf(arg, prepared));
    case "or":
      return node.args.flatMap((arg) => (matches(arg, prepared) ? spansOf(arg, prepared) : []));
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
  const spans = matchSpans(rule, prepared);
  return spans === null ? { matched: false, spans: [] } : { matched: true, spans };
}

/**
 * The spans (in the original text, sorted, merged) of a rule that matches the prepared text, or
 * null when it does not. Whether it matches is settled first, stopping at the first occurrence;
 * the spans are gathered only then.
 */
export function matchSpans(rule: Rule, prepared: PreparedText): Span[] | null {
  const p = prepared instanceof Prepared ? prepared : new Prepared(prepared.original, prepared.normalized);
  if (!matches(rule.root, p)) return null;
  return toOriginal(spansOf(rule.root, p), p.normalized);
}
