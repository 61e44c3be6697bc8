import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/** The family name charts ask for; the TTF files below are loaded into the PNG renderer under it. */
export const FONT_FAMILY = "Noto Sans JP";

const require = createRequire(import.meta.url);

/**
 * Noto Sans JP (regular and bold) shipped in the `@expo-google-fonts/noto-sans-jp` npm package,
 * so Japanese renders on machines without Japanese system fonts.
 */
export function bundledFontFiles(): string[] {
  const dir = dirname(require.resolve("@expo-google-fonts/noto-sans-jp/package.json"));
  return [join(dir, "400Regular", "NotoSansJP_400Regular.ttf"), join(dir, "700Bold", "NotoSansJP_700Bold.ttf")];
}
