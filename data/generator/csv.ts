// CSV lines for the generated files: quoting where needed, missing as empty.
export function csvLine(cells: readonly (string | number | null)[]): string {
  return (
    cells
      .map((c) => {
        if (c === null) return "";
        const s = String(c);
        return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
      })
      .join(",") + "\n"
  );
}

/** Draws an index from weights with a seeded random source. */
export function pick(weights: readonly number[], u: number): number {
  const total = weights.reduce((a, b) => a + b, 0);
  let x = u * total;
  for (let i = 0; i < weights.length; i++) {
    x -= weights[i]!;
    if (x < 0) return i;
  }
  return weights.length - 1;
}

export const logistic = (x: number) => 1 / (1 + Math.exp(-x));
export const round6 = (x: number) => Math.round(x * 1e6) / 1e6;
