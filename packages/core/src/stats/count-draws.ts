import { COUNT_DRAWS_WASM } from "./count-draws-wasm.js";
import type { countInts } from "./random.js";

/**
 * The bootstrap's draw-and-count loop in WebAssembly (count-draws.wat): the same stream as
 * {@link countInts}, counted the same way, about 3× faster. Where WebAssembly is missing (or turned
 * off by the tests) the bootstrap counts with countInts: the bytes are the same either way.
 */
export interface DrawCounter {
  /** The counts of `units` units, a byte each, in the counter's own memory: `draw` counts only into views of it. */
  readonly counts: Uint8Array;
  /** countInts' contract: `count` draws in [0, m) from state `st` (updated), counted into `counts` (a subarray of this counter's counts), carries pushed. */
  readonly draw: typeof countInts;
  /** With ranks: the weights of all units in unit order, each its count (carries not added), written by `gather`. */
  readonly weights: Uint16Array | null;
  /** With ranks: weights[i] = counts[rank[i]] for units from…to − 1 (the bootstrap's gatherCounts). */
  gather(from: number, to: number): void;
}

interface CountExports {
  count(m: number, count: number, countsAt: number, carriesAt: number): number;
  gather(countsAt: number, rankAt: number, weightsAt: number, from: number, to: number): void;
}

/** A compiled WebAssembly module (opaque here; it crosses to the worker as it is). */
export type CounterModule = { readonly compiled: unique symbol };

/** The little of WebAssembly used here, typed locally: the lib is es2023 alone, for Node and browsers both. */
interface WasmApi {
  Module: new (bytes: Uint8Array) => CounterModule;
  Memory: new (descriptor: { initial: number }) => { buffer: ArrayBuffer };
  Instance: new (module: CounterModule, imports: object) => { exports: unknown };
}

let compiled: CounterModule | null | undefined;
let wasmCounting = true;

/** The compiled module (once per thread), or null where WebAssembly cannot compile it or the tests turned it off. */
export function drawCounterModule(): CounterModule | null {
  if (!wasmCounting) return null;
  if (compiled === undefined) {
    try {
      const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly!;
      compiled = new wasm.Module(Uint8Array.from(atob(COUNT_DRAWS_WASM), (ch) => ch.charCodeAt(0)));
    } catch {
      compiled = null;
    }
  }
  return compiled ?? null;
}

/** Turns the WebAssembly counter off (or back on): the tests compare the bytes with and without it. Not part of the public API. */
export function setWasmCounting(on: boolean): void {
  wasmCounting = on;
}

/**
 * A counter for up to `units` units, from the compiled module; null if it cannot be instantiated.
 * Given `rank` (the position of each unit's count, as in the bootstrap), it also gathers the
 * counts into weights in unit order (`gather`, into `weights`). Self-contained (it runs in the
 * bootstrap's counting worker too, from its source).
 */
export function makeDrawCounter(module: CounterModule, units: number, rank: Int32Array | null = null): DrawCounter | null {
  // Memory: the generator's state (16 bytes), the counts (a byte a unit), the carries of one call
  // (at most one per 256 draws, and a call draws at most `units`), then with `rank` the ranks
  // (int32) and the weights (uint16); each part starts on a multiple of 4.
  const carriesAt = 16 + Math.ceil(units / 4) * 4;
  const carryRoom = Math.floor(units / 256) + 1;
  const rankAt = carriesAt + 4 * carryRoom;
  const weightsAt = rankAt + (rank ? 4 * units : 0);
  const end = weightsAt + (rank ? Math.ceil(units / 2) * 4 : 0);
  let exports: CountExports;
  let memory: { buffer: ArrayBuffer };
  try {
    const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly!;
    memory = new wasm.Memory({ initial: Math.ceil(end / 65536) });
    exports = new wasm.Instance(module, { env: { memory } }).exports as CountExports;
  } catch {
    return null;
  }
  const state = new Int32Array(memory.buffer, 0, 4);
  const carried = new Int32Array(memory.buffer, carriesAt, carryRoom);
  const counts = new Uint8Array(memory.buffer, 16, units);
  if (rank) new Int32Array(memory.buffer, rankAt, units).set(rank);
  // Methods, not named arrow functions: a transpiler keeping names would wrap the latter in a
  // helper the worker's source does not have.
  return {
    counts,
    weights: rank ? new Uint16Array(memory.buffer, weightsAt, units) : null,
    draw(st: Int32Array, m: number, count: number, into: Uint8Array, carries: number[]): void {
      if (into.buffer !== memory.buffer || into.byteOffset < 16 || m > into.length || into.byteOffset + m > 16 + units || count > units) {
        throw new RangeError("makeDrawCounter: the counts must be a view of the counter's own, and a call draws at most its units");
      }
      state.set(st);
      const k = exports.count(m, count, into.byteOffset, carriesAt);
      st.set(state);
      for (let i = 0; i < k; i++) carries.push(carried[i]!);
    },
    gather(from: number, to: number): void {
      if (!rank || from < 0 || to > units) throw new RangeError("makeDrawCounter: gather needs the ranks, and units within them");
      exports.gather(16, rankAt, weightsAt, from, to);
    },
  };
}
