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
  const tokenizer = loadTokenizer();
  const out: JapaneseToken[] = [];
  let at = 0;
  for (const chunk of text.match(CHUNK) ?? []) {
    if (chunk === "") continue;
    for (const t of tokenizer.tokenize(chunk)) {
      const surface = t.surface_form;
      const base = t.basic_form === undefined || t.basic_form === "*" ? surface : t.basic_form;
      out.push({ surface, base, pos: t.pos, start: at, end: at + surface.length });
      at += surface.length;
    }
  }
  return out;
}
