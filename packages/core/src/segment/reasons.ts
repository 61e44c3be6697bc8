// Why a row's segment is unclassified, collected as segmentRespondents decides: each distinct
// reason worded once (a million rows have some 160,000 reasons but under 2,000 distinct texts),
// each row holding the number of its reason — or of its reasons joined, worded once too.
import { getLanguage, localize, type Message } from "../errors/catalogue.js";

/** What tells two reasons of one kind apart: numbers (answers, scores, bit masks) or, rarely, text. */
type Key = number | string;

/** Numbers for key triples, by maps nested three deep (no key text built per row). */
class TripleIds {
  private readonly first = new Map<Key, Map<Key, Map<Key, number>>>();
  get(a: Key, b: Key, c: Key): number | undefined {
    return this.first.get(a)?.get(b)?.get(c);
  }
  set(a: Key, b: Key, c: Key, id: number): void {
    let second = this.first.get(a);
    if (!second) this.first.set(a, (second = new Map()));
    let third = second.get(b);
    if (!third) second.set(b, (third = new Map()));
    third.set(c, id);
  }
}

/** Which of the arrays lack row `i` (NaN), as one key: a bit mask, or past 30 arrays the indices as text. */
export function lackingKey(arrays: readonly ArrayLike<number>[], i: number): Key {
  if (arrays.length > 30) return arrays.flatMap((a, j) => (a[i] !== a[i] ? [j] : [])).join(",");
  let mask = 0;
  for (let j = 0; j < arrays.length; j++) if (arrays[j]![i] !== arrays[j]![i]) mask |= 1 << j;
  return mask;
}

/**
 * The reasons of one call, worded in the language set when it began: "<column>: <reason>", several
 * in a row joined by "; " in the order they were added.
 */
export class Reasons {
  private readonly lang = getLanguage();
  /** Reason number → its text (a row's single reason, or several joined). */
  private readonly texts: string[] = [];
  /** Per row, its reason number; -1 for none. */
  private readonly of: Int32Array;
  /** (reasons so far, reason added) → the number of their joined text. */
  private readonly joined = new TripleIds();

  constructor(n: number) {
    this.of = new Int32Array(n).fill(-1);
  }

  /**
   * One kind of reason: `message` about `column`, with the params `params` makes from a row. Returns
   * how to add it to a row, with the keys that decide its params (equal keys, equal params: the
   * text is made from the first row with those keys and reused).
   */
  kind<P>(column: string, message: Message<P>, params: (row: number) => P): (row: number, a?: Key, b?: Key, c?: Key) => void {
    const ids = new TripleIds();
    return (row, a = 0, b = 0, c = 0) => {
      let id = ids.get(a, b, c);
      if (id === undefined) ids.set(a, b, c, (id = this.word(`${column}: ${localize(message, params(row))[this.lang]}`)));
      this.add(row, id);
    };
  }

  /** The reasons column: each row's reasons, null for a row without. */
  column(): (string | null)[] {
    const out = new Array<string | null>(this.of.length);
    for (let i = 0; i < this.of.length; i++) out[i] = this.of[i]! < 0 ? null : this.texts[this.of[i]!]!;
    return out;
  }

  private word(text: string): number {
    return this.texts.push(text) - 1;
  }

  private add(row: number, id: number): void {
    const before = this.of[row]!;
    if (before < 0) {
      this.of[row] = id;
      return;
    }
    let both = this.joined.get(before, id, 0);
    if (both === undefined) this.joined.set(before, id, 0, (both = this.word(`${this.texts[before]!}; ${this.texts[id]!}`)));
    this.of[row] = both;
  }
}
