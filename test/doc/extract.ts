// Finds the `@example` blocks of the packages' JSDoc and turns each into a module that runs it:
// a line `expr // => expected` (or `// => expected` under the expression) checks the value shown,
// a line `expr // throws: text` checks that a KoeError with that text is thrown.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

export interface Example {
  file: string;
  line: number;
  lines: { text: string; line: number }[];
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sourceFiles(p) : p.endsWith(".ts") && !p.endsWith(".d.ts") ? [p] : [];
  });
}

/** Every @example block under the given source folders, with the line numbers of its lines. */
export function collectExamples(root: string, folders: readonly string[]): Example[] {
  const out: Example[] = [];
  for (const folder of folders) {
    for (const file of sourceFiles(join(root, folder))) {
      const text = readFileSync(file, "utf8").split("\n");
      for (let i = 0; i < text.length; i++) {
        if (!/^\s*\*\s*@example\b/.test(text[i]!)) continue;
        const lines: Example["lines"] = [];
        for (let j = i + 1; j < text.length; j++) {
          const l = text[j]!;
          if (/^\s*\*\//.test(l) || /^\s*\*\s*@\w+/.test(l)) break;
          lines.push({ text: l.replace(/^\s*\* ?/, ""), line: j + 1 });
        }
        out.push({ file: relative(root, file), line: i + 1, lines });
      }
    }
  }
  return out;
}

/**
 * Walks code outside string literals: calls `visit(i, depth)` at every character that is not
 * inside a string, with the bracket depth before it; stops when `visit` returns true.
 */
function scan(code: string, visit: (i: number, depth: number) => boolean | void): number {
  let depth = 0;
  let quote: string | null = null;
  for (let i = 0; i < code.length; i++) {
    const c = code[i]!;
    if (quote) {
      if (c === "\\") i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === '"' || c === "'" || c === "`") quote = c;
    else if (visit(i, depth)) return depth;
    else if ("([{".includes(c)) depth++;
    else if (")]}".includes(c)) depth--;
  }
  return depth;
}

/** Bracket depth change of a line of code, ignoring strings and a trailing comment. */
const depthChange = (code: string) => scan(code, (i) => code[i] === "/" && code[i + 1] === "/");

/** Splits code at semicolons outside strings and brackets. */
function splitStatements(code: string): string[] {
  const parts: string[] = [];
  let start = 0;
  scan(code, (i, depth) => {
    if (code[i] === ";" && depth === 0) {
      parts.push(code.slice(start, i).trim());
      start = i + 1;
    }
  });
  parts.push(code.slice(start).trim());
  return parts.filter((p) => p !== "");
}

/** Splits a line into its code and the text of a trailing `// =>` or `// throws:` comment. */
function splitCheck(text: string): { code: string; kind: "value" | "throws" | null; expected: string } {
  let at = -1;
  scan(text, (i) => {
    if (text[i] === "/" && text[i + 1] === "/") at = i;
    return at >= 0;
  });
  if (at < 0) return { code: text.trim(), kind: null, expected: "" };
  const rest = text.slice(at + 2).trim();
  const code = text.slice(0, at).trim();
  if (rest.startsWith("=>")) return { code, kind: "value", expected: rest.slice(2).trim() };
  if (/^throws\b/.test(rest)) return { code, kind: "throws", expected: rest.replace(/^throws\s*[^:]*:?/, "").trim() };
  return { code, kind: null, expected: "" };
}

/** The example as the body of an async function, checks turned into calls of `__check` / `__throws`. */
export function exampleBody(example: Example): string {
  const statements: { code: string; line: number; kind: "value" | "throws" | null; expected: string }[] = [];
  let open: { code: string; line: number; depth: number } | null = null;
  for (const { text, line } of example.lines) {
    const { code, kind, expected } = splitCheck(text);
    const last = statements[statements.length - 1];
    if (code === "" && kind !== null && open === null && last) {
      last.kind = kind;
      last.expected = expected;
      continue;
    }
    if (code === "" && kind === null && last && last.kind === "value" && /^\s*\/\/\s+/.test(text)) {
      last.expected += " " + text.replace(/^\s*\/\/\s*/, "");
      continue;
    }
    if (code === "") continue;
    if (open) {
      open.code += "\n" + code;
      open.depth += depthChange(code);
    } else open = { code, line, depth: depthChange(code) };
    if (open.depth <= 0) {
      statements.push({ code: open.code.replace(/;\s*$/, ""), line: open.line, kind, expected });
      open = null;
    }
  }
  if (open) statements.push({ code: open.code, line: open.line, kind: null, expected: "" });
  return statements
    .map((s) => {
      const at = JSON.stringify(`${example.file}:${s.line}`);
      if (s.kind === null) return `${s.code};`;
      const parts = splitStatements(s.code);
      const before = parts.slice(0, -1).map((p) => `${p};\n`).join("");
      s = { ...s, code: parts[parts.length - 1] ?? "" };
      return before + check(s, at);
    })
    .join("\n");
}

function check(s: { code: string; kind: "value" | "throws" | null; expected: string }, at: string): string {
  {
    {
      const declared = /^(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*(?::[^=]+)?=/.exec(s.code);
      if (s.kind === "throws") return `await __throws(${at}, async () => { ${s.code}; }, ${JSON.stringify(s.expected)});`;
      if (declared) return `${s.code};\n__check(${at}, ${declared[1]}, ${JSON.stringify(s.expected)});`;
      return `__check(${at}, await (${s.code}), ${JSON.stringify(s.expected)});`;
    }
  }
}
