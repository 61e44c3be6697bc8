// Issue 9, recovery 4, as an informed reader would attempt it: from everything crossBoundaryReport
// returns (the whole object, its findings and warnings in both languages, its tables as CSV), work
// out a small group's size and its figures — directly, by subtracting the partner kind from all
// participants, or by differencing the partner's mean out of all participants' mean. The same
// attack code recovers the planted values exactly from a report built with minGroupSize 1 (nothing
// hidden: what the study published before), and nothing from the default report.
import { join } from "node:path";
import {
  adjustPValues, careerSurveyInstrument, createRandom, crossBoundaryReport, differenceInDifferences, estimateEffect, readRespondents, reportTable, reportText, scoreScales, toCsv,
  type StudyReport, type Table,
} from "@koe/core";
import * as aq from "arquero";
import { beforeAll, describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..", "..", "..");
type Row = Record<string, unknown>;
let respondents: Table;
beforeAll(async () => {
  respondents = (await readRespondents(join(root, "data", "respondents.csv"))).table;
});
const quick = { seed: 20261125, resamples: 19 } as const;

/** The bundled respondents with participants re-labelled: `edit(row, k)` sees the k-th participant. */
function plant(edit: (row: Row, k: number) => void, rows: Row[] = respondents.objects() as Row[]): Table {
  let k = 0;
  const out = rows.map((r) => ({ ...r }));
  for (const r of out) if (r.cross_boundary === true) edit(r, k++);
  return aq.from(out);
}

/** Every number a reader can see: the report's values, and the numbers written in its notes (both languages) and its tables as CSV. */
function published(report: StudyReport): { values: number[]; written: string[] } {
  const values: number[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === "number") values.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v !== null && typeof v === "object") Object.values(v).forEach(walk);
  };
  walk(report);
  const words = (["ja", "en"] as const).flatMap((lang) => Object.values(reportText(report, lang)).flat());
  const csv = Object.keys(report.tables).map((name) => toCsv(reportTable(report, name)));
  // A digit glued to a letter is part of a name ("CR2", the variance estimator), not a number a reader reads.
  return { values, written: [...words, ...csv].join("\n").match(/(?<![A-Za-z\d.])-?\d+(?:\.\d+)?(?:e[-+]?\d+)?/g) ?? [] };
}

/**
 * Expects that `value` appears nowhere a reader looks: a count exactly; a mean to 4 decimals
 * (`"near"`: among written numbers, any with 3 or more decimals that is the mean rounded to them);
 * an estimate as computed (`"exact"`: 1e-9, or written with 6 or more decimals) — an estimate of a
 * partner that is most of all participants is close to all participants' own, so rounded to 3
 * decimals it may well equal a shown one.
 */
function expectAbsent(seen: { values: number[]; written: string[] }, value: number, what: string, match: "near" | "exact" = "near"): void {
  const tol = Number.isInteger(value) ? 0 : match === "near" ? 5e-5 : 1e-9 * Math.max(1, Math.abs(value));
  expect(seen.values.filter((x) => Math.abs(x - value) <= tol), `${what} (${value})`).toEqual([]);
  const written = seen.written.filter((t) => {
    if (Number.isInteger(value)) return Number(t) === value;
    const decimals = t.split(".")[1]?.replace(/e.*/, "").length ?? 0;
    return decimals >= (match === "near" ? 3 : 6) && !t.includes("e") && value.toFixed(decimals) === t;
  });
  expect(written, `${what} written (${value})`).toEqual([]);
}

const rowsOf = (report: StudyReport, name: string) => report.tables[name]!.rows as Row[];
const num = (v: unknown) => (typeof v === "number" ? v : null);

/** The reader's arithmetic for one kind and its partner: the kind's size and its post-period mean, or null where the report does not give them. */
function attackKind(report: StudyReport, kind: string, partner: string, scale = "engagement"): { count: number | null; postMean: number | null } {
  const group = (k: string) => rowsOf(report, "groups").find((g) => g.kind === k);
  const all = num(group("all")?.nParticipants);
  const own = num(group(kind)?.nParticipants);
  const other = num(group(partner)?.nParticipants);
  const count = own ?? (all !== null && other !== null ? all - other : null);
  const prePost = (g: string) => num(rowsOf(report, "prePost").find((p) => p.scale === scale && p.group === g && p.wave === "post")?.mean);
  const mC = prePost("nonParticipants");
  const mAll = prePost("participants");
  // A kind's naive difference is its post mean minus the non-participants' post mean.
  const diff = (k: string) => num(rowsOf(report, "effects").find((e) => e.scale === scale && e.kind === k && e.method === "difference")?.estimate);
  const direct = diff(kind) !== null && mC !== null ? diff(kind)! + mC : null;
  const partnerMean = diff(partner) !== null && mC !== null ? diff(partner)! + mC : null;
  const differenced = all !== null && other !== null && mAll !== null && partnerMean !== null && all > other ? (all * mAll - other * partnerMean) / (all - other) : null;
  return { count, postMean: direct ?? differenced };
}

/** The reader's arithmetic on the balance table: the share of participants at `level`, from its row or as 1 − the other levels. */
function attackLevel(report: StudyReport, covariate: string, level: string, scale = "engagement"): number | null {
  const rows = rowsOf(report, "balance").filter((r) => r.scale === scale && r.covariate === covariate);
  const own = num(rows.find((r) => r.level === level)?.meanTreated);
  if (own !== null) return own;
  const others = rows.filter((r) => r.level !== level).map((r) => num(r.meanTreated));
  return others.every((x) => x !== null) ? 1 - (others as number[]).reduce((a, b) => a + b, 0) : null;
}

/** What the planted group really is: size, pre/post means per scale, and the estimates of it the study would make. */
function truthOf(table: Table, member: (r: Row) => boolean) {
  const scored = scoreScales(table, careerSurveyInstrument).table;
  const rows = scored.objects() as Row[];
  const group = rows.filter((r) => r.cross_boundary === true && member(r));
  const means = ["engagement", "innovation"].flatMap((s) => ["pre", "post"].map((w) => ({ what: `${s}_${w}`, value: group.reduce((a, r) => a + (r[`${s}_${w}`] as number), 0) / group.length })));
  const sub = aq.from(rows.filter((r) => r.cross_boundary === false || member(r)));
  const estimates = group.length < 2 ? [] : ["engagement", "innovation"].flatMap((s) => {
    const diff = estimateEffect(sub, { outcome: `${s}_post`, treatment: "cross_boundary", method: "difference" });
    const did = differenceInDifferences(sub, { pre: `${s}_pre`, post: `${s}_post`, treatment: "cross_boundary", bootstrap: false });
    return [
      { what: `${s} difference`, value: diff.estimate! }, { what: `${s} difference ciLow`, value: diff.ciLow! },
      { what: `${s} did`, value: did.estimate! }, { what: `${s} did ciLow`, value: did.ciLow! }, { what: `${s} did ciHigh`, value: did.ciHigh! },
    ];
  });
  return { n: group.length, means, estimates };
}

describe("recovery 4: a small programme kind and its partner", () => {
  // 3 internal participants, 247 external; 2 self-nominated, 248 appointed.
  let table: Table;
  let open: StudyReport;
  let report: StudyReport;
  beforeAll(() => {
    table = plant((r, k) => {
      r.cb_kind = k < 3 ? "internal" : "external";
      r.cb_selection = k < 2 ? "self_nominated" : "appointed";
    });
    open = crossBoundaryReport(table, { ...quick, minGroupSize: 1 });
    report = crossBoundaryReport(table, quick);
  });

  it("the attack works on a report that hides nothing: 250 − 247 = 3, and the hidden mean by differencing", () => {
    const internal = truthOf(table, (r) => r.cb_kind === "internal");
    const selfNominated = truthOf(table, (r) => r.cb_selection === "self_nominated");
    const a = attackKind(open, "internal", "external");
    expect(a.count).toBe(3);
    expect(a.postMean).toBeCloseTo(internal.means.find((m) => m.what === "engagement_post")!.value, 9);
    // …and by differencing alone, without the kind's own row.
    const withoutOwn = structuredClone(open);
    withoutOwn.tables.groups!.rows = withoutOwn.tables.groups!.rows.filter((g) => g.kind !== "internal");
    withoutOwn.tables.effects!.rows = withoutOwn.tables.effects!.rows.filter((e) => e.kind !== "internal");
    expect(attackKind(withoutOwn, "internal", "external")).toEqual({ count: 3, postMean: expect.closeTo(a.postMean!, 9) });
    expect(attackKind(open, "self_nominated", "appointed").count).toBe(2);
    expect(selfNominated.n).toBe(2);
  });

  it("fails on the published report: neither the kind nor its partner has a number, directly or by subtraction", () => {
    expect(attackKind(report, "internal", "external")).toEqual({ count: null, postMean: null });
    expect(attackKind(report, "self_nominated", "appointed")).toEqual({ count: null, postMean: null });
    for (const scale of ["engagement", "innovation"]) expect(attackKind(report, "internal", "external", scale)).toEqual({ count: null, postMean: null });
    const all = rowsOf(report, "groups").find((g) => g.kind === "all")!;
    expect(all).toEqual({ kind: "all", nParticipants: 250, nNonParticipants: 4750, suppressed: false });
  });

  it("effects of the hidden kinds and of their partners: every figure null, status suppressed", () => {
    const hidden = rowsOf(report, "effects").filter((e) => e.kind !== "all");
    const methods = new Set(rowsOf(report, "effects").map((e) => e.method));
    expect(methods.size).toBe(12);
    expect(hidden.length).toBe(2 * 4 * methods.size);
    for (const e of hidden) {
      expect(e, `${e.scale} ${e.kind} ${e.method}`).toMatchObject({
        role: null, estimate: null, stdError: null, df: null, ciLow: null, ciHigh: null, pValue: null, pAdjusted: null, pAdjustMethod: null,
        estimateSd: null, ciLowSd: null, ciHighSd: null, nTreated: null, nControl: null, status: "suppressed", suppressed: true,
      });
    }
    expect(rowsOf(report, "effects").filter((e) => e.kind === "all").every((e) => e.status === "ok")).toBe(true);
  });

  it("the direct contrasts of the hidden kinds are hidden with them (a contrast is the difference of two kinds' effects: with one kind shown it would give the other)", () => {
    const contrasts = rowsOf(report, "contrasts");
    expect(contrasts.length).toBe(2 * 2 * 2);
    for (const c of contrasts) {
      expect(c, `${c.scale} ${c.contrast} ${c.method}`).toMatchObject({ estimate: null, stdError: null, df: null, ciLow: null, ciHigh: null, pValue: null, pAdjusted: null, estimateSd: null, suppressed: true });
    }
    // On the open report the contrast is the difference of the two kinds' DiDs (so hiding it matters).
    const did = (kind: string) => rowsOf(open, "effects").find((e) => e.scale === "engagement" && e.kind === kind && e.method === "did")!.estimate as number;
    const open1 = rowsOf(open, "contrasts").find((c) => c.scale === "engagement" && c.contrast === "external-internal" && c.method === "did")!;
    expect(open1.estimate as number).toBeCloseTo(did("external") - did("internal"), 10);
    expect(report.findings.some((f) => f.code === "crossBoundary.kindContrast")).toBe(false);
  });

  it("p-values are adjusted over the shown rows only: a hidden row's p-value moves no shown one", () => {
    for (const role of ["primary", "sensitivity"]) {
      const shown = rowsOf(report, "effects").filter((e) => e.role === role && typeof e.pValue === "number");
      expect(shown.length).toBeGreaterThan(0);
      expect(shown.map((e) => e.pAdjusted)).toEqual(adjustPValues(shown.map((e) => e.pValue as number), "BH"));
    }
  });

  it("the serialised report holds no count, mean or estimate of the planted groups or their partners", () => {
    const seen = published(report);
    const groups = [
      { name: "internal", member: (r: Row) => r.cb_kind === "internal" },
      { name: "external", member: (r: Row) => r.cb_kind === "external" },
      { name: "self-nominated", member: (r: Row) => r.cb_selection === "self_nominated" },
      { name: "appointed", member: (r: Row) => r.cb_selection === "appointed" },
    ];
    for (const g of groups) {
      const t = truthOf(table, g.member);
      expectAbsent(seen, t.n, `${g.name}: n`);
      for (const m of t.means) expectAbsent(seen, m.value, `${g.name}: ${m.what}`);
      for (const m of t.estimates) expectAbsent(seen, m.value, `${g.name}: ${m.what}`, "exact");
    }
    // The attack's own numbers on the open report are real and findable there (the search works).
    const openSeen = published(open);
    expect(openSeen.values).toContain(3);
    const internalDifference = truthOf(table, groups[0]!.member).estimates[0]!.value;
    expect(openSeen.values.some((x) => Math.abs(x - internalDifference) < 1e-9)).toBe(true);
  });

  it("no finding or warning names a hidden kind; the edge says groups are hidden, in general words", () => {
    for (const n of [...report.findings, ...report.warnings]) expect(["internal", "external", "self_nominated", "appointed"]).not.toContain(n.params.kind);
    const en = reportText(report, "en").warnings;
    expect(en.at(-1)).toBe("Groups of fewer than 5 people are not shown, nor any figure that would let a reader work one out.");
    expect(en.join(" ")).not.toMatch(/internal|external|self-nominated|appointed/i);
  });
});

describe("balance: shares × n are counts", () => {
  // 2 young participants (the other young participants become mid-career).
  let table: Table;
  beforeAll(() => {
    let young = 0;
    table = plant((r) => {
      if (r.generation === "young" && young++ >= 2) r.generation = "mid";
    });
  });

  it("the attack on the balance table: 2/250 young participants from the share, before; nothing now", () => {
    const open = crossBoundaryReport(table, { ...quick, minGroupSize: 1 });
    expect(attackLevel(open, "generation", "young")! * 250).toBeCloseTo(2, 9);
    const report = crossBoundaryReport(table, quick);
    for (const scale of ["engagement", "innovation"]) expect(attackLevel(report, "generation", "young", scale)).toBeNull();
    const rows = rowsOf(report, "balance").filter((r) => r.covariate === "generation");
    for (const r of rows.filter((x) => x.level === "young")) expect(r).toMatchObject({ meanTreated: null, meanControl: null, smd: null, meanTreatedAdjusted: null, smdAdjusted: null, imbalanced: null, suppressed: true });
    // Where one level is hidden, another is too: no level is 1 − the visible ones.
    for (const scale of ["engagement", "innovation"]) expect(rows.filter((r) => r.scale === scale && r.suppressed === true).length).not.toBe(1);
    const seen = published(report);
    expectAbsent(seen, 2 / 250, "share of young participants", "exact");
    expectAbsent(seen, 248 / 250, "share of participants who are not young", "exact");
    // The rest of the study still stands: all participants' effects are shown.
    expect(rowsOf(report, "effects").filter((e) => e.kind === "all" && e.status === "ok").length).toBeGreaterThan(10);
  });
});

describe("balance by company: a company's share × n is a count", () => {
  // A planted company "C99": 2 participants and 20 non-participants moved from other companies.
  let table: Table;
  beforeAll(() => {
    const rows = (respondents.objects() as Row[]).map((r) => ({ ...r }));
    let t = 0;
    let c = 0;
    for (const r of rows) {
      if (r.cross_boundary === true && t < 2) (r.company = "C99"), t++;
      else if (r.cross_boundary === false && c < 20) (r.company = "C99"), c++;
    }
    table = aq.from(rows);
  });

  it("the attack recovers 2/250 participants and 20/4750 non-participants of the company from a report that hides nothing; nothing from the default report", () => {
    const open = crossBoundaryReport(table, { ...quick, minGroupSize: 1 });
    expect(attackLevel(open, "company", "C99")! * 250).toBeCloseTo(2, 9);
    const report = crossBoundaryReport(table, quick);
    for (const scale of ["engagement", "innovation"]) {
      expect(attackLevel(report, "company", "C99", scale)).toBeNull();
      const rows = rowsOf(report, "balance").filter((r) => r.scale === scale && r.covariate === "company");
      expect(rows.find((r) => r.level === "C99")).toMatchObject({ meanTreated: null, meanControl: null, smd: null, meanTreatedAdjusted: null, meanControlAdjusted: null, smdAdjusted: null, suppressed: true });
      // A second company is hidden with it: the shown shares never sum to 1 − the hidden one.
      const hidden = rows.filter((r) => r.suppressed === true);
      expect(hidden.length).toBeGreaterThanOrEqual(2);
      const shown = rows.filter((r) => r.suppressed !== true);
      for (const side of ["meanTreated", "meanControl"]) {
        const rest = 1 - shown.reduce((a, r) => a + (r[side] as number), 0);
        expect(hidden.length === 1 ? rest : null).toBeNull();
      }
    }
    const seen = published(report);
    expectAbsent(seen, 2 / 250, "share of the company's participants", "exact");
    expectAbsent(seen, 20 / 4750, "share of the company's non-participants", "exact");
    expectAbsent(seen, 248 / 250, "share of participants of the other companies", "exact");
    // The study still stands: all participants' effects, with and without company in the models.
    expect(rowsOf(report, "effects").filter((e) => e.kind === "all" && (e.method === "weighting-cluster" || e.method === "doubly-robust-cluster") && e.status === "ok").length).toBe(4);
    // No note names the hidden company.
    for (const lang of ["ja", "en"] as const) expect(Object.values(reportText(report, lang)).flat().join("\n")).not.toContain("C99");
  });
});

describe("other small groups", () => {
  it("participants without a recorded kind: never the difference all − internal − external", () => {
    const table = plant((r, k) => {
      if (k < 2) r.cb_kind = null;
    });
    const report = crossBoundaryReport(table, quick);
    const n = (kind: string) => num(rowsOf(report, "groups").find((g) => g.kind === kind)!.nParticipants);
    expect(n("all")).toBe(250);
    expect(n("internal") === null || n("external") === null).toBe(true);
  });

  it("fewer than 5 non-participants: every figure of the study is hidden", () => {
    const rows = (respondents.objects() as Row[]).filter((r) => r.cross_boundary === true || r.company === "C01");
    let c = 0;
    const table = aq.from(rows.filter((r) => r.cross_boundary === true || c++ < 3));
    const report = crossBoundaryReport(table, quick);
    for (const name of ["groups", "prePost", "effects", "balance", "contrasts"]) {
      for (const r of rowsOf(report, name)) expect(r.suppressed, name).toBe(true);
    }
    expect(report.findings).toEqual([]);
    expectAbsent(published(report), 3, "non-participants");
  });

  it("a partner shown as 'only n participants' would give the hidden kind away: that warning is withheld with it", () => {
    // 3 internal and 20 external participants: all (23) is shown, external is hidden as the partner.
    const rows = (respondents.objects() as Row[]).filter((r) => r.cross_boundary === false);
    const participants = (respondents.objects() as Row[]).filter((r) => r.cross_boundary === true).slice(0, 23);
    const table = plant((r, k) => {
      r.cb_kind = k < 3 ? "internal" : "external";
    }, [...participants, ...rows]);
    const report = crossBoundaryReport(table, quick);
    const warnings = report.warnings.filter((w) => w.code === "crossBoundary.smallGroup");
    expect(warnings.map((w) => w.params.kind)).toEqual(["all", "self_nominated", "appointed"].filter((k) => warnings.some((w) => w.params.kind === k)));
    expect(warnings.some((w) => w.params.kind === "external")).toBe(false);
    expectAbsent(published(report), 20, "external participants");
  });
});

describe("property: planted small groups of random sizes never surface", () => {
  it("random kind, selection and generation plants", { timeout: 120_000 }, () => {
    const random = createRandom(9);
    const base = (respondents.objects() as Row[]).filter((r) => r.cross_boundary === true || Number(String(r.company).slice(1)) % 3 === 0);
    for (let trial = 0; trial < 4; trial++) {
      const kindSize = 1 + random.int(4);
      const selectionSize = 1 + random.int(4);
      const youngSize = 1 + random.int(4);
      let young = 0;
      const table = plant((r, k) => {
        r.cb_kind = k < kindSize ? "internal" : "external";
        r.cb_selection = (k * 7) % 250 < selectionSize ? "self_nominated" : "appointed";
        if (r.generation === "young" && young++ >= youngSize) r.generation = "senior";
      }, base);
      const report = crossBoundaryReport(table, quick);
      const seen = published(report);
      const label = `trial ${trial}: ${kindSize} internal, ${selectionSize} self-nominated, ${youngSize} young`;
      expect(attackKind(report, "internal", "external"), label).toEqual({ count: null, postMean: null });
      expect(attackKind(report, "self_nominated", "appointed"), label).toEqual({ count: null, postMean: null });
      expect(attackLevel(report, "generation", "young"), label).toBeNull();
      for (const member of [(r: Row) => r.cb_kind === "internal", (r: Row) => r.cb_selection === "self_nominated"]) {
        const t = truthOf(table, member);
        for (const m of t.means) expectAbsent(seen, m.value, `${label}: ${m.what}`);
      }
      expectAbsent(seen, youngSize / 250, `${label}: young share`, "exact");
    }
  });
});
