// Runs the `koe` bin as a script would: a child process, its exit code, stdout and stderr.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const bin = join(import.meta.dirname, "..", "bin", "koe.mjs");
export const data = (file: string) => join(import.meta.dirname, "..", "..", "..", "data", file);

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

const made: string[] = [];

/** A folder of its own under the system's temporary folder (removed by {@link removeScratch}). */
export function scratch(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `koe-cli-${name}-`));
  made.push(dir);
  return dir;
}

/** Removes the folders this test file made (call it in afterAll). */
export function removeScratch(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** The environment of a run: the test's, without language or CI settings, LANG=C, plus `env`. */
export function plainEnv(env: Record<string, string> = {}): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !["KOE_LANG", "LANG", "LC_ALL", "LC_MESSAGES", "CI"].includes(k)) out[k] = v;
  return Object.assign(out, { LANG: "C" }, env);
}

/**
 * `koe …args` in `cwd` (a child process, as a script runs it), in a plain environment plus `env`:
 * its exit code, stdout and stderr. Runs may overlap (the tests start several at once).
 */
export function koe(args: readonly string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: options.cwd ?? scratch("run"), env: plainEnv(options.env), stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (b: Buffer) => out.push(b));
    child.stderr.on("data", (b: Buffer) => err.push(b));
    child.on("error", reject);
    child.on("close", (code, signal) => {
      if (code === null) reject(new Error(`koe ${args.join(" ")} ended by signal ${signal}`));
      else resolve({ code, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") });
    });
  });
}
