// The KoeError a call throws, for tests that read its code, params and texts.
import { KoeError } from "@koe/core";
import { expect } from "vitest";

/** Runs `call`, expects it to throw a KoeError, and returns that error. */
export function thrown(call: () => unknown): KoeError {
  try {
    call();
  } catch (e) {
    expect(e, String(e)).toBeInstanceOf(KoeError);
    const k = e as KoeError;
    expect(k.localized.ja.length * k.localized.en.length, "both languages").toBeGreaterThan(0);
    return k;
  }
  throw new Error("expected a KoeError, nothing was thrown");
}

/** The same for an async call. */
export async function thrownAsync(call: () => Promise<unknown>): Promise<KoeError> {
  try {
    await call();
  } catch (e) {
    expect(e, String(e)).toBeInstanceOf(KoeError);
    return e as KoeError;
  }
  throw new Error("expected a KoeError, nothing was thrown");
}
