/**
 * Thrown by @koe/charts when a chart cannot be built or rendered; the message names the chart and
 * the cause.
 * @example
 * try { compileSpec({ mark: "nope" } as never) } catch (e) { e instanceof ChartError } // => true
 */
export class ChartError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "ChartError";
  }
}
