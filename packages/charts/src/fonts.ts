import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { ChartError } from "./errors.js";
import { chartMessages as m } from "./messages.js";

/**
 * The family name charts ask for; the bundled TTF files are loaded into the PNG renderer under it.
 * @example
 * FONT_FAMILY // => "Noto Sans JP"
 */
export const FONT_FAMILY = "Noto Sans JP";

const FONT_PACKAGE = "@expo-google-fonts/noto-sans-jp";
const require = createRequire(import.meta.url);

/**
 * The directory of an installed package, found by resolving its main entry and walking up to the
 * `package.json` that names it (a package's `exports` may hide `package.json` and other files).
 * @example
 * packageDir("vega") // => "/…/node_modules/.pnpm/vega@6.4.0/node_modules/vega"
 * @throws {ChartError} when the package is not installed or its directory cannot be found.
 */
export function packageDir(name: string): string {
  let entry: string;
  try {
    entry = require.resolve(name);
  } catch (e) {
    throw ChartError.of(m.packageMissing, { pkg: name, reason: e instanceof Error ? e.message.split("\n")[0]! : String(e) }, { cause: e });
  }
  for (let dir = dirname(entry); dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest) && nameOf(manifest) === name) return dir;
  }
  throw ChartError.of(m.packageNotFound, { pkg: name, from: entry });
}

/** The `name` of a package.json; a file that is not JSON names nothing. */
function nameOf(manifest: string): unknown {
  try {
    return (JSON.parse(readFileSync(manifest, "utf8")) as { name?: unknown }).name;
  } catch {
    return undefined;
  }
}

/**
 * Paths of Noto Sans JP Regular and Bold, shipped as TTF in the `@expo-google-fonts/noto-sans-jp`
 * npm package, so Japanese renders on machines without any Japanese system font.
 * @example
 * bundledFontFiles() // => ["/…/400Regular/NotoSansJP_400Regular.ttf", "/…/700Bold/NotoSansJP_700Bold.ttf"]
 * @throws {ChartError} when a font file is missing.
 */
export function bundledFontFiles(): [regular: string, bold: string] {
  const dir = packageDir(FONT_PACKAGE);
  const files: [string, string] = [join(dir, "400Regular", "NotoSansJP_400Regular.ttf"), join(dir, "700Bold", "NotoSansJP_700Bold.ttf")];
  for (const file of files) if (!existsSync(file)) throw ChartError.of(m.fontMissing, { path: file });
  return files;
}
