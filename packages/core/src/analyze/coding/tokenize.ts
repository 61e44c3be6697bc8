// Japanese tokens with base forms, for word(…) in coding rules: kuromoji 0.1.2 and its IPADIC
// dictionary (shipped in the npm package), loaded synchronously once per process.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { gunzipSync } from "node:zlib";
import type { IpadicFeatures, Tokenizer } from "kuromoji";

/** One token of a text: its surface, its base (dictionary) form, its part of speech and where it is. */
export interface JapaneseToken {
  /** The token as written in the text given. */
  surface: string;
  /** The dictionary form (持って → 持つ); the surface itself for a word IPADIC does not know. */
  base: string;
  /** IPADIC's part of speech (名詞, 動詞, 形容詞, 助詞, …). */
  pos: string;
  /** `text.slice(start, end) === surface`, in UTF-16 units of the text given. */
  start: number;
  end: number;
}

const require = createRequire(import.meta.url);
let cached: Tokenizer<IpadicFeatures> | null = null;

/** A gunzipped dictionary file as an ArrayBuffer of its own (typed arrays of 2 and 4 bytes view it). */
function dictFile(dir: string, name: string): ArrayBuffer {
  const bytes = gunzipSync(readFileSync(join(dir, name)));
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

/**
 * The kuromoji tokenizer, built on first call and kept for the process. kuromoji's own builder is
 * asynchronous; this reads the same gzipped dictionary files synchronously and builds the same
 * dictionaries (as its DictionaryLoader does), so that coding stays a synchronous call. The first
 * call takes about half a second and the dictionary keeps about 170 MB (bench/out-tokenizers.md).
 *
 * @example
 * loadTokenizer() === loadTokenizer() // => true
 */
export function loadTokenizer(): Tokenizer<IpadicFeatures> {
  if (cached !== null) return cached;
  const root = dirname(require.resolve("kuromoji/package.json"));
  const dict = join(root, "dict");
  const file = (name: string) => dictFile(dict, name);
  const DynamicDictionaries = require("kuromoji/src/dict/DynamicDictionaries.js") as new () => KuromojiDictionaries;
  const KuromojiTokenizer = require("kuromoji/src/Tokenizer.js") as new (dic: KuromojiDictionaries) => Tokenizer<IpadicFeatures>;
  const dic = new DynamicDictionaries();
  dic.loadTrie(new Int32Array(file("base.dat.gz")), new Int32Array(file("check.dat.gz")));
  dic.loadTokenInfoDictionaries(new Uint8Array(file("tid.dat.gz")), new Uint8Array(file("tid_pos.dat.gz")), new Uint8Array(file("tid_map.dat.gz")));
  dic.loadConnectionCosts(new Int16Array(file("cc.dat.gz")));
  dic.loadUnknownDictionaries(
    new Uint8Array(file("unk.dat.gz")),
    new Uint8Array(file("unk_pos.dat.gz")),
    new Uint8Array(file("unk_map.dat.gz")),
    new Uint8Array(file("unk_char.dat.gz")),
    new Uint32Array(file("unk_compat.dat.gz")),
    new Uint8Array(file("unk_invoke.dat.gz")),
  );
  cached = new KuromojiTokenizer(dic);
  return cached;
}

/** The loading methods of kuromoji's DynamicDictionaries (src/dict/DynamicDictionaries.js). */
interface KuromojiDictionaries {
  loadTrie(base: Int32Array, check: Int32Array): void;
  loadTokenInfoDictionaries(tokenInfo: Uint8Array, pos: Uint8Array, targetMap: Uint8Array): void;
  loadConnectionCosts(costs: Int16Array): void;
  loadUnknownDictionaries(unk: Uint8Array, pos: Uint8Array, map: Uint8Array, charMap: Uint8Array, compat: Uint32Array, invoke: Uint8Array): void;
}

// The first characters of IPADIC's tokens whose surface does not begin as their base form does
// (する: し, さ, せ; くる: こ, き; だ: で, な; ぬ: ず …), from every entry of kuromoji 0.1.2's
// dictionary (a test reads them all again). Every other token begins with its base form's first
// character: the other known words by the dictionary, and an unknown word's base form is itself.
const OTHER_FIRST: Readonly<Record<string, string>> = {
  き: "し",
  く: "かきけこっ",
  くる: "きこ",
  す: "さしせそ",
  する: "さしせ",
  たい: "てと",
  だ: "でな",
  つ: "て",
  ない: "ねの",
  ぬ: "ざずね",
  り: "る",
  る: "よりれろん",
};

/**
 * The characters one of which a token with this base form begins with: its first character, and
 * for the few base forms some of whose forms begin otherwise (する → し, さ, せ) those too:
 * 持つ → [持], する → [す, さ, し, せ].
 */
function firstCharacters(base: string): string[] {
  const first = base.codePointAt(0);
  if (first === undefined) return [];
  return [String.fromCodePoint(first), ...(Object.hasOwn(OTHER_FIRST, base) ? OTHER_FIRST[base]! : "")];
}

/**
 * Whether a text may have a token with this base form, without tokenising it: false when none of
 * the characters such a token begins with ({@link firstCharacters}) is in the text, which then
 * need not be tokenised for it (異動の希望 for 持つ; 気持ち may, and is tokenised).
 */
export function mayHaveBase(text: string, base: string): boolean {
  return firstCharacters(base).some((c) => text.includes(c));
}

// kuromoji builds its lattice sentence by sentence (it splits at 、 and 。); splitting at line breaks
// and ！？ as well keeps a long transcript without punctuation from one quadratic lattice.
const CHUNK = /[^\n。、！？!?]*[\n。、！？!?]?/gu;

/**
 * The tokens of a text with their base forms (IPADIC, through kuromoji), and their positions in the
 * text given. The dictionary is loaded on the first call ({@link loadTokenizer}). Tokenise text
 * normalised with NFKC: IPADIC knows 持って, not half-width ｷｬﾘｱ or full-width ＯＪＴ as words.
 *
 * @example
 * japaneseTokens("キャリアを持ちたい").map((t) => `${t.surface}/${t.base}`) // => ["キャリア/キャリア", "を/を", "持ち/持つ", "たい/たい"]
 * japaneseTokens("分からない")[0] // => { surface: "分から", base: "分かる", pos: "動詞", start: 0, end: 3 }
 */
export function japaneseTokens(text: string): JapaneseToken[] {
  return textChunks(text).flatMap((chunk) => chunkTokens(chunk));
}

/** A piece of a text that is tokenised on its own, and where it starts in the text. */
export interface TextChunk {
  start: number;
  text: string;
}

/**
 * The pieces of a text, in order, that {@link japaneseTokens} tokenises one by one (each ends at a
 * line break, 。、！？ or the end): they cover the text, and a chunk's tokens do not depend on the
 * other chunks, so a chunk may be tokenised alone ({@link chunkTokens}).
 */
export function textChunks(text: string): TextChunk[] {
  const out: TextChunk[] = [];
  let at = 0;
  for (const chunk of text.match(CHUNK) ?? []) {
    if (chunk === "") continue;
    out.push({ start: at, text: chunk });
    at += chunk.length;
  }
  return out;
}

// kuromoji 0.1.2 fails on NUL and on a high surrogate without its low one, and loses characters
// after a run of characters beyond the BMP (😀𠮷); these are tokenised as U+FFFD, unit for unit
// so that positions hold, and given back in the tokens' surfaces.
const UNTOKENISABLE = /[\0\uD800-\uDFFF]/g;

/** The tokens of one chunk of a text, with their positions in the text. */
export function chunkTokens(chunk: TextChunk): JapaneseToken[] {
  const out: JapaneseToken[] = [];
  const safe = chunk.text.replace(UNTOKENISABLE, "\uFFFD");
  let at = chunk.start;
  for (const t of loadTokenizer().tokenize(safe)) {
    const surface = safe === chunk.text ? t.surface_form : chunk.text.slice(at - chunk.start, at - chunk.start + t.surface_form.length);
    const base = t.basic_form === undefined || t.basic_form === "*" ? surface : t.basic_form;
    out.push({ surface, base, pos: t.pos, start: at, end: at + surface.length });
    at += surface.length;
  }
  return out;
}
