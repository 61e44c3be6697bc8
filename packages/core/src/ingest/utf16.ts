// UTF-16 text (Excel's 「Unicode テキスト」 export: UTF-16 LE with a BOM, tab-delimited) is
// transcoded to UTF-8 chunk by chunk before the byte-level tokenizer sees it, so the tokenizer and
// the cell conversion stay the ones every other file goes through.
import { KoeReadError } from "../errors/errors.js";
import { localize } from "../errors/catalogue.js";
import { readMessages as m } from "../errors/messages.js";

/**
 * Re-encodes a stream of UTF-16 chunks as UTF-8 chunks. A byte-order mark at the start is dropped;
 * a character cut by a chunk boundary (an odd byte, or half of a surrogate pair) is carried over to
 * the next chunk by the streaming decoder. Invalid UTF-16 (a lone surrogate) is a {@link KoeReadError}.
 */
export async function* transcodeUtf16(chunks: AsyncIterable<Buffer>, encoding: "utf-16le" | "utf-16be"): AsyncGenerator<Buffer> {
  const decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: false });
  let offset = 0;
  const fail = () => new KoeReadError(localize(m.badUtf16, { encoding, offset }), [], "bad_utf16");
  for await (const chunk of chunks) {
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      throw fail();
    }
    offset += chunk.length;
    if (text.length > 0) yield Buffer.from(text, "utf8");
  }
  let rest: string;
  try {
    rest = decoder.decode();
  } catch {
    throw fail();
  }
  if (rest.length > 0) yield Buffer.from(rest, "utf8");
}
