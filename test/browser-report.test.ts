// The demo's reports (report.html in Japanese, report.en.html in English) opened as a colleague
// would: from a file, offline, in a real browser — Debian's chromium driven by playwright-core —
// with JavaScript and without. Every chart the page holds must be drawn as SVG with its labels in the
// page's language; the findings, the warnings and the tables must be visible and read the same
// without JavaScript; nothing may be requested from the network and nothing may log an error.
// Screenshots are saved in the test's own folder and read back as images: the full page with
// JavaScript (a long image: about 12 s to take), the first screen without.
// Without chromium the test fails under CI (never a silent skip) and is skipped with a message
// locally. KOE_DOCS_SCREENSHOTS=1 also writes the README's pictures, docs/report-{ja,en}.png.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { reportWords } from "@koe/charts";
import { generations } from "@koe/core";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ink, readPng } from "../packages/charts/test/helpers.js";

const root = join(import.meta.dirname, "..");
const CHROMIUM = process.env.KOE_CHROMIUM ?? "/usr/bin/chromium";
const FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu"];
const VIEWPORT = { width: 1200, height: 900 };
const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff]/;
const REPORTS = [
  { lang: "ja", file: "report.html", locale: "ja-JP" },
  { lang: "en", file: "report.en.html", locale: "en-GB" },
] as const;

const missing = existsSync(CHROMIUM) ? null : `chromium not found at ${CHROMIUM}: install Debian's package (apt-get install -y chromium) or set KOE_CHROMIUM to its path`;
if (missing !== null && !process.env.CI) console.warn(`SKIPPED test/browser-report.test.ts: ${missing}`);

if (missing !== null && process.env.CI) {
  describe("the report in a browser", () => {
    it("has a chromium to open it with (CI never skips this test)", () => {
      throw new Error(missing);
    });
  });
}

/** One chart slot of the page as the reader sees it: its caption and the text of the SVG shown in it (null: none shown). */
interface Slot {
  caption: string;
  svgText: string[] | null;
}

/** What a page showed and did: its chart slots, its words outside the charts, and what went wrong while it loaded. */
interface Seen {
  lang: string | null;
  slots: Slot[];
  /** Per study section: the findings shown (or the "no finding" sentence). */
  findings: string[][];
  /** The facts, findings, warnings and tables as the reader sees them (innerText). */
  words: string[];
  tables: { rows: number; visible: boolean }[];
  hiddenCells: string[];
  errors: string[];
  requests: string[];
  screenshot: { path: string; fullPage: boolean };
}

/** Waits until every chart slot shows an SVG (the static one, or the live one where vega-embed drew it). */
async function slotsOf(page: Page): Promise<Slot[]> {
  return page.locator("section.study .chart").evaluateAll((slots) =>
    slots.map((slot) => {
      const shown = [...slot.querySelectorAll("svg")].find((svg) => {
        const box = svg.getBoundingClientRect();
        return box.width >= 50 && box.height >= 50;
      });
      return {
        caption: slot.querySelector("figcaption")?.textContent?.trim() ?? "",
        svgText: shown === undefined ? null : [...shown.querySelectorAll("text")].map((t) => t.textContent ?? ""),
      };
    }),
  );
}

/** Opens a report in a fresh context, with or without JavaScript, and records what the reader sees. */
async function look(browser: Browser, file: string, locale: string, javaScriptEnabled: boolean, screenshot: Seen["screenshot"]): Promise<Seen> {
  const context = await browser.newContext({ viewport: VIEWPORT, locale, javaScriptEnabled });
  const errors: string[] = [];
  const requests: string[] = [];
  // Anything but the file itself and inline data is refused before it leaves the browser, and counted.
  await context.route(/.*/, (route) => (/^(file|data):/.test(route.request().url()) ? route.continue() : route.abort("blockedbyclient")));
  const page = await context.newPage();
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("request", (r) => requests.push(r.url()));
  await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
  // Where the page enhances its charts with vega-embed, wait until each is drawn live.
  if (javaScriptEnabled && (await page.locator(".chart .live").count()) > 0) {
    await expect.poll(() => page.locator(".chart:not(.is-live)").count(), { timeout: 60_000 }).toBe(0);
  }
  const sections = page.locator("section.study");
  const findings: string[][] = [];
  for (let i = 0; i < (await sections.count()); i++) {
    const items = sections.nth(i).locator("ul.findings > li");
    findings.push((await items.count()) > 0 ? await items.allInnerTexts() : await sections.nth(i).locator("h3 + p").allInnerTexts());
  }
  const tables = page.locator("section.study table");
  const seen: Seen = {
    lang: await page.locator("html").getAttribute("lang"),
    slots: await slotsOf(page),
    findings,
    words: await page.locator("section.study :is(dl.facts, ul.findings, ul.warnings, table)").allInnerTexts(),
    tables: await tables.evaluateAll((ts) => ts.map((t) => ({ rows: t.querySelectorAll("tbody tr").length, visible: t.getBoundingClientRect().height > 0 }))),
    hiddenCells: await page.locator("section.study td.hidden").allInnerTexts(),
    errors,
    requests,
    screenshot,
  };
  await page.screenshot(screenshot);
  if (process.env.KOE_DOCS_SCREENSHOTS && javaScriptEnabled) await docsScreenshot(page, join(root, "docs", `report-${locale.slice(0, 2)}.png`));
  await context.close();
  return seen;
}

/** The README's picture of the report: the top of the cross-boundary study's section (its facts, findings, warnings and first charts). */
async function docsScreenshot(page: Page, path: string): Promise<void> {
  const section = page.locator("section.study", { has: page.locator("dl.facts dd", { hasText: /^crossBoundary$/ }) });
  const { top, height } = await section.evaluate((e) => ({ top: e.getBoundingClientRect().top + e.ownerDocument.documentElement.scrollTop, height: e.getBoundingClientRect().height }));
  await page.screenshot({ path, fullPage: true, clip: { x: 0, y: top - 8, width: VIEWPORT.width, height: Math.min(height, 1400) } });
}

/** Checks a screenshot: a real image of the page, not a blank or single-coloured one. */
function checkScreenshot({ path, fullPage }: Seen["screenshot"]): void {
  const png = readPng(readFileSync(path));
  expect(png.width, path).toBe(VIEWPORT.width);
  if (fullPage) expect(png.height, `${path}: the full page, longer than two screens`).toBeGreaterThan(VIEWPORT.height * 2);
  else expect(png.height, `${path}: the first screen`).toBe(VIEWPORT.height);
  const colours = new Set<number>();
  for (let i = 0; i < png.pixels.length && colours.size < 64; i += 4 * 7) colours.add((png.pixels[i]! << 16) | (png.pixels[i + 1]! << 8) | png.pixels[i + 2]!);
  expect(colours.size, `${path}: distinct colours`).toBeGreaterThanOrEqual(64);
  const { count, minX, maxX } = ink(png);
  expect(count / (png.width * png.height), `${path}: share of dark pixels`).toBeGreaterThan(0.005);
  expect(maxX - minX, `${path}: width of what is drawn`).toBeGreaterThan(png.width / 2);
}

describe.skipIf(missing !== null)("the demo's reports in Chromium", () => {
  let out = "";
  let browser: Browser;
  /** The charts the demo drew: it writes each one's spec beside the report. */
  let drawn = 0;
  const seen = new Map<string, { on: Seen; off: Seen }>();

  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), "koe-browser-report-"));
    execFileSync(process.execPath, ["--import", "tsx", join(root, "examples", "demo.ts"), out], { cwd: root, encoding: "utf8" });
    drawn = readdirSync(out).filter((f) => f.endsWith(".vl.json")).length;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
    for (const { lang, file, locale } of REPORTS) {
      expect(existsSync(join(out, file)), `the demo writes ${file}`).toBe(true);
      const on = await look(browser, join(out, file), locale, true, { path: join(out, `report-${lang}.png`), fullPage: true });
      const off = await look(browser, join(out, file), locale, false, { path: join(out, `report-${lang}-no-js.png`), fullPage: false });
      seen.set(lang, { on, off });
    }
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
  });

  describe.each(REPORTS)("$file", ({ lang }) => {
    const both = () => Object.entries(seen.get(lang)!) as [string, Seen][];
    const words = reportWords[lang];

    it("shows every chart the demo drew as an SVG, captioned, with its labels in the page's language", () => {
      expect(drawn).toBeGreaterThan(0);
      for (const [js, s] of both()) {
        expect(s.lang, `JavaScript ${js}`).toBe(lang);
        expect(s.slots.length, `JavaScript ${js}: one slot per chart`).toBe(drawn);
        s.slots.forEach(({ caption, svgText }, i) => {
          const where = `JavaScript ${js}, chart ${i + 1} of ${drawn} (${caption})`;
          expect(caption, where).not.toBe("");
          expect(svgText, `${where}: drawn as SVG`).not.toBeNull();
          expect(svgText!.join("").length, `${where}: has text`).toBeGreaterThan(0);
          if (lang === "ja") expect(svgText!.some((t) => JAPANESE.test(t)), `${where}: Japanese labels`).toBe(true);
          else expect([caption, ...svgText!].filter((t) => JAPANESE.test(t)), `${where}: English only`).toEqual([]);
        });
        const labels = s.slots.flatMap((c) => c.svgText ?? []).join("\n");
        for (const t of generations.terms) expect(labels, `JavaScript ${js}`).toContain(t[lang]);
      }
    });

    it("requests nothing but the file and inline data, and logs no error", () => {
      for (const [js, s] of both()) {
        expect(s.requests.filter((u) => !/^(file|data):/.test(u)), `JavaScript ${js}`).toEqual([]);
        expect(s.requests.filter((u) => u.startsWith("file:")), `JavaScript ${js}: only the report itself`).toHaveLength(1);
        expect(s.errors, `JavaScript ${js}`).toEqual([]);
      }
    });

    it("reads the same without JavaScript: findings, warnings, tables and charts visible", () => {
      const { on, off } = seen.get(lang)!;
      expect(off.findings.length).toBeGreaterThan(1);
      for (const [i, f] of off.findings.entries()) {
        expect(f.length, `section ${i + 1} shows its findings (or says it has none)`).toBeGreaterThan(0);
        if (f.length === 1 && f[0] === words.noFindings) continue;
        for (const line of f) expect(line.trim().length, `section ${i + 1}`).toBeGreaterThan(10);
      }
      expect(off.findings.flat().filter((f) => f !== words.noFindings).length, "findings in words").toBeGreaterThan(off.findings.length);
      expect(off.tables.length).toBeGreaterThan(0);
      off.tables.forEach((t, i) => expect(t, `table ${i + 1}`).toEqual({ rows: expect.any(Number), visible: true }));
      expect(off.tables.filter((t) => t.rows > 0).length).toBeGreaterThan(off.tables.length / 2);
      // A hidden figure reads as the word for it, never a number.
      expect(off.hiddenCells.length).toBeGreaterThan(0);
      expect(new Set(off.hiddenCells)).toEqual(new Set([words.suppressed]));
      expect(off.words).toEqual(on.words);
    });

    it("looks like a page in screenshots: the full page with JavaScript, the first screen without", () => {
      for (const [, s] of both()) checkScreenshot(s.screenshot);
    });
  });
});
