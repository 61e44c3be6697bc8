// The packages' manifests as a publisher needs them, checked without building (the tarballs
// themselves are built, packed, installed and imported by test/package-smoke.test.ts): in the
// workspace `exports` point at the sources, in the tarball (`publishConfig.exports`, applied by
// `pnpm pack`) at the same files compiled into dist/; `sideEffects` names every module that
// registers messages when it is evaluated (a bundler may drop any other unused module); the MIT
// licence beside each package; the build emits declarations with their maps.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..");
const packages = readdirSync(join(root, "packages")).filter((d) => existsSync(join(root, "packages", d, "package.json")));

interface Manifest {
  name: string;
  license?: string;
  exports: Record<string, string | { types: string; default: string }>;
  publishConfig?: { exports?: Record<string, string | { types: string; default: string }> };
  files?: string[];
  sideEffects?: boolean | string[];
  scripts?: Record<string, string>;
}
const manifest = (dir: string) => JSON.parse(readFileSync(join(root, "packages", dir, "package.json"), "utf8")) as Manifest;

/** A glob of a `sideEffects` list as a regular expression (`**` any folders, `*` within one name). */
function globToRegExp(glob: string): RegExp {
  const body = glob
    .replace(/^\.\//, "")
    .split(/(\*\*\/|\*)/)
    .map((part) => (part === "**/" ? "(?:.*/)?" : part === "*" ? "[^/]*" : part.replace(/[.+?^${}()|[\]\\]/g, "\\$&")))
    .join("");
  return new RegExp(`^${body}$`);
}

/** Every .ts file under a folder, as paths relative to `base`. */
function sources(dir: string, base: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name), base) : e.name.endsWith(".ts") ? [relative(base, join(dir, e.name))] : []));
}

describe("package manifests", () => {
  it("the workspace holds @koe/core and @koe/charts", () => {
    expect(packages.map((d) => manifest(d).name)).toEqual(expect.arrayContaining(["@koe/core", "@koe/charts"]));
  });

  for (const dir of packages) {
    const pkg = manifest(dir);
    const base = join(root, "packages", dir);
    describe(pkg.name, () => {
      it("exports the sources in the workspace and the same modules compiled into dist/ in the tarball", () => {
        const published = pkg.publishConfig?.exports ?? {};
        expect(Object.keys(published)).toEqual(Object.keys(pkg.exports));
        for (const [key, target] of Object.entries(pkg.exports)) {
          const out = published[key]!;
          if (typeof target === "string") {
            expect(out, key).toBe(target);
            expect(existsSync(join(base, target)), `${key} → ${target}`).toBe(true);
            continue;
          }
          expect(Object.keys(target), `${key}: "types" comes first`).toEqual(["types", "default"]);
          expect(existsSync(join(base, target.default)), `${key} → ${target.default}`).toBe(true);
          const compiled = target.default.replace(/^\.\/src\//, "./dist/").replace(/\.ts$/, ".js");
          expect(out, key).toEqual({ types: compiled.replace(/\.js$/, ".d.ts"), default: compiled });
        }
      });

      it("ships dist/ (and src/ when declaration maps point at it), built again before packing", () => {
        expect(pkg.files).toContain("dist");
        expect(pkg.scripts?.build).toBe("node ../../scripts/package-build.mjs");
        expect(pkg.scripts?.prepack).toBe("node ../../scripts/package-build.mjs --pack");
        const tsconfig = JSON.parse(readFileSync(join(base, "tsconfig.build.json"), "utf8")) as { compilerOptions: Record<string, unknown>; include: string[] };
        expect(tsconfig.compilerOptions).toMatchObject({ outDir: "dist", rootDir: "src", declaration: true, noEmit: false });
        expect(tsconfig.include).toEqual(["src"]);
        // A library's declarations map back to its sources, which ship beside them.
        if (pkg.name !== "@koe/cli") expect(tsconfig.compilerOptions.declarationMap).toBe(true);
        expect(pkg.files?.includes("src") ?? false).toBe(tsconfig.compilerOptions.declarationMap === true);
      });

      it("is MIT licensed, with the licence text beside it", () => {
        expect(pkg.license).toBe("MIT");
        expect(readFileSync(join(base, "LICENSE"), "utf8")).toBe(readFileSync(join(root, "LICENSE"), "utf8"));
      });

      it("lists as side effects exactly the kinds of module that register messages when evaluated", () => {
        expect(Array.isArray(pkg.sideEffects), "sideEffects is a list of files (false would let a bundler drop the message catalogues)").toBe(true);
        const patterns = (pkg.sideEffects as string[]).map(globToRegExp);
        const matched = (file: string) => patterns.some((p) => p.test(file));
        const files = sources(join(base, "src"), base);
        // A message catalogue is filled at the top level of a module (defineMessages registers each
        // code for messageOfCode): such a module is a side effect even when none of its exports is used.
        const registering = files.filter((f) => /^(export )?const \w+ = defineMessages\(/m.test(readFileSync(join(base, f), "utf8")) || f === "src/errors/catalogue.ts");
        const dist = (f: string) => f.replace(/^src\//, "dist/").replace(/\.ts$/, ".js");
        expect(registering.filter((f) => !matched(dist(f)))).toEqual([]);
        // The list is not "everything": the statistics and the chart builders stay free to drop.
        const pure = files.filter((f) => /^src\/(stats|charts)\//.test(f));
        expect(pure.filter((f) => matched(dist(f)))).toEqual([]);
      });
    });
  }

  it("sideEffects globs read as bundlers read them", () => {
    expect(globToRegExp("./dist/**/*messages.js").test("dist/errors/stats-messages.js")).toBe(true);
    expect(globToRegExp("./dist/**/*messages.js").test("dist/messages.js")).toBe(true);
    expect(globToRegExp("./dist/errors/*.js").test("dist/errors/sub/x.js")).toBe(false);
    expect(globToRegExp("./dist/present/notes.js").test("dist/present/notesXjs")).toBe(false);
  });
});
