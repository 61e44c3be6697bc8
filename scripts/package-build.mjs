// Builds one package of the workspace into its dist/ (ESM, .d.ts and declaration maps, from
// tsconfig.build.json), run from the package's directory by its "build" and "prepack" scripts.
//
//   node ../../scripts/package-build.mjs          build: dist/ emptied, then tsc
//   node ../../scripts/package-build.mjs --pack   the same before packing, and only under pnpm
//
// Why only pnpm packs: in the workspace `exports` point at the TypeScript sources (so tsx and vitest
// run them with no build); `pnpm pack` writes `publishConfig.exports` (dist/) into the tarball's
// package.json and turns `workspace:*` dependencies into versions. `npm pack` does neither, and its
// tarball would not install or import.
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";

const pack = process.argv.includes("--pack");
const agent = process.env.npm_config_user_agent ?? "";
if (pack && !agent.startsWith("pnpm/")) {
  console.error(
    [
      "koe's packages are packed with pnpm: `npx --yes pnpm@10.34.9 pack` (npm pack would ship the TypeScript sources as exports and `workspace:*` dependencies).",
      "koe のパッケージは pnpm で固めます: `npx --yes pnpm@10.34.9 pack`（npm pack では exports が TypeScript のソースを指し、依存関係に `workspace:*` が残ります）。",
    ].join("\n"),
  );
  process.exit(1);
}

rmSync("dist", { recursive: true, force: true });
const tsc = spawnSync("tsc", ["-p", "tsconfig.build.json"], { stdio: "inherit", shell: process.platform === "win32" });
if (tsc.error) {
  console.error(`tsc could not start: ${tsc.error.message} (run the build through pnpm, which puts the workspace's tsc on PATH)`);
  process.exit(1);
}
process.exit(tsc.status ?? 1);
