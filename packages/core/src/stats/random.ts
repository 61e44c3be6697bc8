import { KoeArgumentError } from "../errors/errors.js";
import { statsMessages as m } from "../errors/stats-messages.js";

/**
 * A seeded source of randomness. Everything random in koe (bootstrap, matching ties,
 * synthetic data) takes one, so the same input and seed give byte-identical output.
 */
export interface Random {
  /** Uniform in [0, 1), 2^-32 resolution. */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Standard normal deviate. */
  normal(): number;
  /** Fills out[from … from+count) with uniform integers in [0, n): the bootstrap's inner loop, in one tight loop. */
  fillInts(out: Int32Array, n: number, from?: number, count?: number): void;
  /** The seed this source started from. */
  readonly seed: number;
}

/** Turns a number or string seed into a 32-bit integer (FNV-1a for strings). */
export function seedToInt(seed: number | string): number {
  if (typeof seed === "number") {
    if (!Number.isFinite(seed)) throw KoeArgumentError.of(m.badSeed, { value: seed });
    return Math.trunc(seed) >>> 0;
  }
  if (typeof seed !== "string") throw KoeArgumentError.of(m.badSeed, { value: seed });
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * sfc32 (Chris Doty-Humphrey's small fast counter generator, PractRand-clean), seeded via splitmix32.
 * @example
 * const r = createRandom(42);
 * r.next() === createRandom(42).next() // => true
 */
export function createRandom(seed: number | string = 1): Random {
  const s0 = seedToInt(seed);
  let sm = s0;
  const splitmix = () => {
    sm = (sm + 0x9e3779b9) | 0;
    let z = sm;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) | 0;
  };
  // The generator's state lives in an Int32Array: always int32, so V8 keeps the arithmetic in
  // integer registers (plain JS numbers here made the bootstrap's inner loop 3× slower).
  const state = Int32Array.of(splitmix(), splitmix(), splitmix(), splitmix());
  for (let i = 0; i < 12; i++) nextU32(state);
  let spare: number | null = null;
  const next = () => nextU32(state) / 4294967296;
  const random: Random = {
    seed: s0,
    next,
    int(n: number) {
      if (!(n >= 1)) throw KoeArgumentError.of(m.badRange, { fn: "random.int", n });
      return Math.floor(next() * n);
    },
    fillInts(out: Int32Array, n: number, from = 0, count = out.length - from) {
      if (!(n >= 1)) throw KoeArgumentError.of(m.badRange, { fn: "random.fillInts", n });
      drawInts(state, n, count, out, from);
    },
    normal() {
      if (spare !== null) {
        const v = spare;
        spare = null;
        return v;
      }
      // Marsaglia's polar method: exact, no trigonometry.
      let u: number, v: number, q: number;
      do {
        u = 2 * next() - 1;
        v = 2 * next() - 1;
        q = u * u + v * v;
      } while (q >= 1 || q === 0);
      const f = Math.sqrt((-2 * Math.log(q)) / q);
      spare = v * f;
      return u * f;
    },
  };
  states.set(random, state);
  return random;
}

const states = new WeakMap<Random, Int32Array>();

/**
 * The live state of a generator made by {@link createRandom} (undefined for an injected one): the
 * bootstrap draws from it directly with {@link countInts}, in this thread or in a worker, and
 * writes the state back so that the generator goes on exactly as if it had drawn each integer itself.
 */
export function generatorState(random: Random): Int32Array | undefined {
  return states.get(random);
}

/** One step of sfc32 (Chris Doty-Humphrey's small fast counter): the next 32-bit output, unsigned. */
function nextU32(st: Int32Array): number {
  const a = st[0]!;
  const b = st[1]!;
  const c = st[2]!;
  const d = st[3]!;
  const t = (((a + b) | 0) + d) | 0;
  st[3] = (d + 1) | 0;
  st[0] = b ^ (b >>> 9);
  const c2 = (c << 21) | (c >>> 11);
  st[1] = (c + (c << 3)) | 0;
  st[2] = (c2 + t) | 0;
  return t >>> 0;
}

/**
 * `count` integers in [0, n) from the stream of state `st`, stored in into[from…from+count) — the
 * same as repeated `int(n)`, with the state in locals for the loop (`fillInts`). Self-contained.
 */
export function drawInts(st: Int32Array, n: number, count: number, into: Int32Array, from: number): void {
  let a = st[0]!;
  let b = st[1]!;
  let c = st[2]!;
  let d = st[3]!;
  for (let k = 0; k < count; k++) {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    into[from + k] = Math.floor(((t >>> 0) / 4294967296) * n);
  }
  st[0] = a;
  st[1] = b;
  st[2] = c;
  st[3] = d;
}

/**
 * The same `count` integers as {@link drawInts}, counted instead of stored: counts[j] += 1 for each
 * draw j, in bytes (a stratum of a million units fits the core's cache, where 16-bit counts would
 * not), a count passing 255 wrapping to 0 and pushing its index onto `carries`, once per 256.
 * Draws a block at a time with drawInts and then counts the block: two tight loops, each compiled
 * for one kind of array (one loop doing both, or one function taking both kinds of array, ran
 * 1.5–2.5× slower). Self-contained but for drawInts, so a worker thread can run the two sources.
 */
export function countInts(st: Int32Array, n: number, count: number, counts: Uint8Array, carries: number[]): void {
  const block = new Int32Array(Math.min(count, 2048));
  for (let done = 0; done < count; done += block.length) {
    const size = Math.min(block.length, count - done);
    drawInts(st, n, size, block, 0);
    for (let k = 0; k < size; k++) {
      const j = block[k]!;
      const v = counts[j]! + 1;
      counts[j] = v;
      if (v === 256) carries.push(j);
    }
  }
}
