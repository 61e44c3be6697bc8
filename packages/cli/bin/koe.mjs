#!/usr/bin/env node
// The `koe` command. In the workspace it runs the TypeScript sources through tsx (no build needed);
// installed from the package (where tsx, a development dependency, is absent), the built dist/.
import { existsSync } from "node:fs";

const source = new URL("../src/main.ts", import.meta.url);
const tsx = existsSync(source) ? await import("tsx/esm/api").catch(() => null) : null;
if (tsx !== null) {
  tsx.register();
  await import(source.href);
} else {
  await import(new URL("../dist/main.js", import.meta.url).href);
}
