// The error a call throws (the tests then check its code and both languages); fails when nothing is thrown.
import type { KoeError } from "../../src/errors/errors.js";

export function thrown(f: () => unknown): KoeError {
  try {
    f();
  } catch (e) {
    return e as KoeError;
  }
  throw new Error("nothing thrown");
}
