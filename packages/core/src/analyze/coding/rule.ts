// The coding-rule language (in the manner of KH Coder's coding rules): parsed once into an AST.
import { localize, type Message } from "../../errors/catalogue.js";
import { ruleMessages as m } from "../../errors/coding-messages.js";
import { KoeArgumentError } from "../../errors/errors.js";
import { normalizeTerm } from "./normalize.js";

/**
 * A parsed coding rule. Terms and the word of `word(…)` are stored NFKC-normalised and lower-cased
 * (as the texts are); `position` is 1-based in the rule.
 */
export type RuleNode =
  | { type: "term"; text: string; position: number }
  | { type: "word"; base: string; position: number }
  | { type: "regex"; source: string; flags: string; regex: RegExp; position: number }
  | { type: "near"; a: string; b: string; distance: number; position: number }
  | { type: "not"; arg: RuleNode }
  | { type: "and"; args: RuleNode[] }
  | { type: "or"; args: RuleNode[] };

/** A rule as parsed by {@link parseRule}: the source text, the code it belongs to, and the tree. */
export interface Rule {
  source: string;
  code: string | null;
  root: RuleNode;
}

type Token =
  | { kind: "(" | ")" | "," | "and" | "or" | "not"; pos: number }
  | { kind: "term"; text: string; pos: number; quoted: boolean }
  | { kind: "regex"; source: string; flags: string; pos: number };

const SPECIAL = /[\s()（）,，"「」&|!]/u;

interface Ctx {
  rule: string;
  code: string | null;
}

function fail<P extends object>(ctx: Ctx, message: Message<P & { code: string | null; rule: string; position: number }>, position: number, extra: P): never {
  const params = { ...extra, code: ctx.code, rule: ctx.rule, position };
  throw new KoeArgumentError(localize(message, params), params, message.code);
}

function tokenize(ctx: Ctx): Token[] {
  const s = ctx.rule;
  const out: Token[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    const pos = i + 1;
    if (/\s/u.test(c)) {
      i++;
    } else if (c === "(" || c === "（") {
      out.push({ kind: "(", pos });
      i++;
    } else if (c === ")" || c === "）") {
      out.push({ kind: ")", pos });
      i++;
    } else if (c === "," || c === "，") {
      out.push({ kind: ",", pos });
      i++;
    } else if (c === "&" || c === "|" || c === "!") {
      out.push({ kind: c === "&" ? "and" : c === "|" ? "or" : "not", pos });
      i++;
    } else if (c === '"' || c === "「") {
      const close = c === '"' ? '"' : "」";
      const end = s.indexOf(close, i + 1);
      if (end < 0) fail(ctx, m.unclosedQuote, pos, {});
      out.push({ kind: "term", text: s.slice(i + 1, end), pos, quoted: true });
      i = end + 1;
    } else if (c === "/") {
      let j = i + 1;
      while (j < s.length && s[j] !== "/") j += s[j] === "\\" ? 2 : 1;
      if (j >= s.length) fail(ctx, m.badRegex, pos, { detail: "no closing /" });
      let k = j + 1;
      while (k < s.length && /[a-z]/i.test(s[k]!)) k++;
      out.push({ kind: "regex", source: s.slice(i + 1, j), flags: s.slice(j + 1, k), pos });
      i = k;
    } else {
      let j = i;
      while (j < s.length && !SPECIAL.test(s[j]!)) j++;
      const text = s.slice(i, j);
      const lower = text.toLowerCase();
      if (lower === "and" || lower === "or" || lower === "not") out.push({ kind: lower, pos });
      else out.push({ kind: "term", text, pos, quoted: false });
      i = j;
    }
  }
  return out;
}

class Parser {
  private i = 0;
  constructor(
    private readonly ctx: Ctx,
    private readonly tokens: Token[],
  ) {}

  private peek(): Token | undefined {
    return this.tokens[this.i];
  }
  private endPos(): number {
    return this.ctx.rule.length + 1;
  }

  parse(): RuleNode {
    const node = this.or();
    const t = this.peek();
    if (t !== undefined) {
      if (t.kind === ")") fail(this.ctx, m.unexpectedClose, t.pos, {});
      fail(this.ctx, m.trailing, t.pos, { got: this.ctx.rule.slice(t.pos - 1).split(/\s/u)[0] ?? "" });
    }
    return node;
  }

  private or(): RuleNode {
    const args = [this.and()];
    while (this.peek()?.kind === "or") {
      this.i++;
      args.push(this.and());
    }
    return args.length === 1 ? args[0]! : { type: "or", args };
  }

  private and(): RuleNode {
    const args = [this.not()];
    while (this.peek()?.kind === "and") {
      this.i++;
      args.push(this.not());
    }
    return args.length === 1 ? args[0]! : { type: "and", args };
  }

  private not(): RuleNode {
    if (this.peek()?.kind === "not") {
      this.i++;
      return { type: "not", arg: this.not() };
    }
    return this.atom();
  }

  private atom(): RuleNode {
    const t = this.peek();
    if (t === undefined) fail(this.ctx, m.expectedTerm, this.endPos(), {});
    if (t.kind === "(") {
      this.i++;
      const inner = this.or();
      if (this.peek()?.kind !== ")") {
        const next = this.peek();
        if (next === undefined) fail(this.ctx, m.unclosedParen, t.pos, {});
        fail(this.ctx, m.trailing, next.pos, { got: this.ctx.rule.slice(next.pos - 1).split(/\s/u)[0] ?? "" });
      }
      this.i++;
      return inner;
    }
    if (t.kind === "regex") {
      this.i++;
      if (!/^[iu]*$/.test(t.flags)) fail(this.ctx, m.badRegex, t.pos, { detail: `flags ${JSON.stringify(t.flags)}: only i and u are allowed` });
      let regex: RegExp;
      try {
        regex = new RegExp(t.source, `${[...new Set(t.flags)].join("")}g`);
      } catch (e) {
        fail(this.ctx, m.badRegex, t.pos, { detail: (e as Error).message });
      }
      return { type: "regex", source: t.source, flags: t.flags, regex, position: t.pos };
    }
    if (t.kind === "term") {
      this.i++;
      const fnName = t.text.toLowerCase();
      if (!t.quoted && this.peek()?.kind === "(" && (fnName === "near" || fnName === "word")) {
        return fnName === "word" ? this.word(t.pos) : this.near(t.pos);
      }
      if (t.text === "") fail(this.ctx, m.expectedTerm, t.pos, {});
      return { type: "term", text: normalizeTerm(t.text), position: t.pos };
    }
    fail(this.ctx, t.kind === ")" ? m.unexpectedClose : m.expectedTerm, t.pos, {});
  }

  /** The tokens between the "(" at the cursor and its ")", the cursor moved past the ")". */
  private callArgs(): Token[] {
    const open = this.tokens[this.i]!;
    this.i++;
    const parts: Token[] = [];
    for (;;) {
      const t = this.peek();
      if (t === undefined) fail(this.ctx, m.unclosedParen, open.pos, {});
      this.i++;
      if (t.kind === ")") return parts;
      parts.push(t);
    }
  }

  private word(pos: number): RuleNode {
    const parts = this.callArgs();
    const [w] = parts;
    if (parts.length !== 1 || w?.kind !== "term") fail(this.ctx, m.wordArgs, pos, {});
    const base = normalizeTerm(w.text).trim();
    if (base === "") fail(this.ctx, m.wordArgs, pos, {});
    return { type: "word", base, position: pos };
  }

  private near(pos: number): RuleNode {
    const parts = this.callArgs();
    const [a, c1, b, c2, n] = parts;
    if (parts.length !== 5 || a?.kind !== "term" || c1?.kind !== "," || b?.kind !== "term" || c2?.kind !== "," || n?.kind !== "term") {
      fail(this.ctx, m.nearArgs, pos, {});
    }
    if (!/^\d+$/.test(normalizeTerm(n.text))) fail(this.ctx, m.badNear, n.pos, { got: n.text });
    if (a.text === "" || b.text === "") fail(this.ctx, m.nearArgs, pos, {});
    return { type: "near", a: normalizeTerm(a.text), b: normalizeTerm(b.text), distance: Number(normalizeTerm(n.text)), position: pos };
  }
}

/**
 * Parses a coding rule once into a tree, for {@link matchRule}. The rule language:
 *
 * - a bare term matches as a substring: `異動` matches 人事異動;
 * - `"a phrase"` or `「a phrase」` keeps spaces and the words `and`/`or`/`not`;
 * - `and` / `&`, `or` / `|`, `not` / `!`, parentheses (full-width too), with precedence
 *   not > and > or: `a or b and not c` is `a or (b and (not c))`;
 * - `near(a, b, N)`: both terms within N characters (the gap between the end of one and the start
 *   of the other, in either order);
 * - `/regex/` with optional flags `i`, `u`;
 * - `word(持つ)`: a word by its base form — any token whose dictionary form is 持つ, so 持って,
 *   持ちたい, 持ちます match and 持ち株 or 気持ち do not. Texts are tokenised with kuromoji's IPADIC
 *   (loaded on the first match of a `word(…)`, about a second). The base form is IPADIC's, as
 *   written: `word(わかる)` does not find 分からない (its base form is 分かる) — write
 *   `word(わかる) or word(分かる)`; a potential verb is a word of its own (話せる is not
 *   `word(話す)`). A word of several tokens matches them in a row: `word(キャリア形成)`.
 *
 * Terms and texts are compared after NFKC and lower-casing (full-width ＫＰＩ, half-width ｷｬﾘｱ);
 * a regular expression runs on that normalised text too, so write it in lower case or give it `i`.
 *
 * @example
 * parseRule("a or b and not c").root.type // => "or"
 * parseRule("ＫＰＩ").root // => { type: "term", text: "kpi", position: 1 }
 * parseRule("not word（持つ）").root // => { type: "not", arg: { type: "word", base: "持つ", position: 5 } }
 * parseRule("機会 and (異動", { code: "no_chance" }) // throws: code "no_chance": rule "機会 and (異動" — unclosed parenthesis at position 8
 * parseRule("word()") // throws: rule "word()" — word(…) at position 1 takes one word in its base form, e.g. word(持つ)
 * @throws {KoeArgumentError} for an invalid rule, naming the code, the rule and the 1-based position.
 */
export function parseRule(rule: string, options: { code?: string | null } = {}): Rule {
  const code = options.code ?? null;
  if (typeof rule !== "string") {
    const got = rule === null ? "null" : typeof rule;
    throw KoeArgumentError.of(m.notARule, { fn: "parseRule", got });
  }
  const ctx = { rule, code };
  const tokens = tokenize(ctx);
  if (tokens.length === 0) fail(ctx, m.empty, 1, {});
  return { source: rule, code, root: new Parser(ctx, tokens).parse() };
}
