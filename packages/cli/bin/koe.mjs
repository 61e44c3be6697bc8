#!/usr/bin/env node
// The `koe` command. In the workspace it runs the TypeScript sources through tsx (no build needed);
// installed from the package, it runs the built JavaScript in dist/.
import { existsSync } from "node:fs";

const source = new URL("../src/main.ts", import.meta.url);
if (existsSync(source)) {
  const { register } = await import("tsx/esm/api");
  register();
  await import(source.href);
} else {
  await import(new URL("../dist/main.js", import.meta.url).href);
}
