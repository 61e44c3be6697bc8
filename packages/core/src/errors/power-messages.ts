// Messages of the planning helpers (survey sample size and margin of error, power and sample size
// of two-group comparisons), in Japanese and English.
import { defineMessages, show } from "./catalogue.js";

type Fn = { fn: string };
type Bad = Fn & { option: string; value: unknown };

export const powerMessages = defineMessages("power", {
  missingOption: {
    en: (p: Fn & { option: string; example: string }) => `${p.fn}: option "${p.option}" is needed, e.g. ${p.example}`,
    ja: (p: Fn & { option: string; example: string }) => `${p.fn}: オプション「${p.option}」が必要です。例: ${p.example}`,
  },
  notProbability: {
    en: (p: Bad) => `${p.fn}: ${p.option} must be a number strictly between 0 and 1 (got ${show(p.value)})`,
    ja: (p: Bad) => `${p.fn}: ${p.option} は0より大きく1より小さい数値です（渡された値: ${show(p.value)}）`,
  },
  notShare: {
    en: (p: Bad) => `${p.fn}: ${p.option} is a share strictly between 0 and 1 — write 3% as 0.03 (got ${show(p.value)})`,
    ja: (p: Bad) => `${p.fn}: ${p.option} は0より大きく1より小さい割合です。3%なら 0.03 と書きます（渡された値: ${show(p.value)}）`,
  },
  notPositive: {
    en: (p: Bad) => `${p.fn}: ${p.option} must be a positive finite number (got ${show(p.value)})`,
    ja: (p: Bad) => `${p.fn}: ${p.option} は正の有限の数値です（渡された値: ${show(p.value)}）`,
  },
  notNonZero: {
    en: (p: Bad) => `${p.fn}: ${p.option} must be a finite number other than 0: the difference to detect (got ${show(p.value)})`,
    ja: (p: Bad) => `${p.fn}: ${p.option} は0以外の有限の数値（検出したい差）です（渡された値: ${show(p.value)}）`,
  },
  groupTooSmall: {
    en: (p: Bad) => `${p.fn}: ${p.option} is the number of people in a group and must be a whole number of at least 2 (got ${show(p.value)})`,
    ja: (p: Bad) => `${p.fn}: ${p.option} はグループの人数で、2以上の整数です（渡された値: ${show(p.value)}）`,
  },
  notWhole: {
    en: (p: Bad & { min: number }) => `${p.fn}: ${p.option} must be a whole number of at least ${p.min} (got ${show(p.value)})`,
    ja: (p: Bad & { min: number }) => `${p.fn}: ${p.option} は${p.min}以上の整数です（渡された値: ${show(p.value)}）`,
  },
  sampleAbovePopulation: {
    en: (p: Fn & { n: number; population: number }) => `${p.fn}: the sample (n = ${p.n}) cannot be larger than the population (${p.population})`,
    ja: (p: Fn & { n: number; population: number }) => `${p.fn}: 標本（n = ${p.n}）が母集団（${p.population}人）より大きくなっています`,
  },
  powerNotAboveAlpha: {
    en: (p: Fn & { power: number; alpha: number }) => `${p.fn}: power (${p.power}) must be larger than alpha (${p.alpha}); power is usually 0.8 or 0.9`,
    ja: (p: Fn & { power: number; alpha: number }) => `${p.fn}: 検出力（${p.power}）は有意水準 alpha（${p.alpha}）より大きくしてください。通常は 0.8 か 0.9 です`,
  },
  meansOrShares: {
    en: (p: Fn) => `${p.fn}: give either "sd" (a difference in means) or "p1" (a difference in shares), not both`,
    ja: (p: Fn) => `${p.fn}: 「sd」（平均の差）か「p1」（割合の差）のどちらか一方を指定してください（両方は指定できません）`,
  },
  sameShares: {
    en: (p: Fn & { p1: number; p2: number }) => `${p.fn}: p1 and p2 are equal (${p.p1}); there is no difference to detect`,
    ja: (p: Fn & { p1: number; p2: number }) => `${p.fn}: p1 と p2 が同じ（${p.p1}）なので、検出する差がありません`,
  },
  optionForOther: {
    en: (p: Fn & { option: string; kind: string }) => `${p.fn}: option "${p.option}" belongs to a difference in ${p.kind === "means" ? "shares (with p1)" : "means (with sd)"}, not to this one`,
    ja: (p: Fn & { option: string; kind: string }) => `${p.fn}: オプション「${p.option}」は${p.kind === "means" ? "割合の差（p1 と一緒に指定）" : "平均の差（sd と一緒に指定）"}のためのものです`,
  },
  noShareReaches: {
    en: (p: Fn & { p1: number; power: number; n1: number; n2: number }) =>
      `${p.fn}: with ${p.n1} and ${p.n2} people no share above p1 = ${p.p1} reaches power ${p.power}; more people are needed (see requiredSampleSize)`,
    ja: (p: Fn & { p1: number; power: number; n1: number; n2: number }) =>
      `${p.fn}: ${p.n1}人と${p.n2}人では、p1 = ${p.p1} より大きいどの割合でも検出力 ${p.power} に届きません。人数を増やす必要があります（requiredSampleSize を参照）`,
  },
  noSolution: {
    en: (p: Fn & { what: string }) => `${p.fn}: no ${p.what} between the search limits gives the power asked for`,
    ja: (p: Fn & { what: string }) => `${p.fn}: 探索範囲内に、指定の検出力を与える ${p.what} がありません`,
  },
});
