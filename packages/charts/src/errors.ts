import { KoeError, localize, type Localized, type Message } from "@koe/core";

/**
 * Thrown by @koe/charts when a chart cannot be built or rendered, or its input does not hold
 * together (a cell twice, counts that do not add up, two ids with one label). A {@link KoeError}:
 * a stable `code` (`chart.*`), the `params` it names, the text in Japanese and English in
 * `localized`, and `message` in the language set by `setLanguage`. Options and input of the wrong
 * kind (an unknown option, `lang: "jp"`, a table where a list of cells is meant) are
 * `KoeArgumentError`s, as everywhere in koe.
 * @example
 * const error = await Promise.resolve().then(() => compileSpec({ mark: "nope" } as never)).catch((e) => e);
 * [error instanceof ChartError, error instanceof KoeError, error.code] // => [true, true, "chart.doesNotCompile"]
 * error.localized.ja // => "図「untitled」を vega-lite で組み立てられません: …"
 */
export class ChartError extends KoeError {
  constructor(message: string | Localized, params: Readonly<Record<string, unknown>> = {}, code = "chart.failed", options?: ErrorOptions) {
    super(code, message, params);
    this.name = "ChartError";
    if (options && "cause" in options) Object.defineProperty(this, "cause", { value: options.cause, writable: true, configurable: true, enumerable: false });
  }

  /** A ChartError from a catalogue entry of {@link chartMessages}, optionally with its cause. */
  static override of<P extends object>(message: Message<P>, params: P, options?: ErrorOptions): ChartError {
    return new ChartError(localize(message, params), params as Record<string, unknown>, message.code, options);
  }
}
