// JSON text for the generated files: two-space indentation like JSON.stringify, but arrays of
// plain values on one line, so that truth.json stays readable (and diffs stay small).

/**
 * @example
 * jsonText({ a: [1, 2], b: { c: "x" } }) // => '{\n  "a": [1, 2],\n  "b": {\n    "c": "x"\n  }\n}\n'
 */
export function jsonText(value: unknown): string {
  return format(value, "") + "\n";
}

function isPlain(v: unknown): boolean {
  return v === null || typeof v !== "object";
}

function format(value: unknown, indent: string): string {
  if (isPlain(value)) return JSON.stringify(value) ?? "null";
  const inner = indent + "  ";
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    if (value.every(isPlain)) return `[${value.map((v) => JSON.stringify(v) ?? "null").join(", ")}]`;
    return `[\n${value.map((v) => inner + format(v, inner)).join(",\n")}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return "{}";
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${format(v, inner)}`).join(",\n")}\n${indent}}`;
}
