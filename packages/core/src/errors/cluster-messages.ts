// Messages of cluster-robust inference (ols/fitOls with CR1/CR2, the wild cluster bootstrap), in
// Japanese and English.
import { defineMessages, q } from "./catalogue.js";

type Fn = { fn: string };

export const clusterMessages = defineMessages("cluster", {
  // Arguments (the user's input): KoeArgumentError.
  needsCluster: {
    en: (p: Fn & { vcov: string }) => `${p.fn}: vcov ${q(p.vcov)} needs a cluster column (pass cluster: "company")`,
    ja: (p: Fn & { vcov: string }) => `${p.fn}: vcov「${p.vcov}」にはクラスターの列が必要です（cluster: "company" のように指定してください）`,
  },
  testNeedsCluster: {
    en: (p: Fn & { test: string; vcov: string }) => `${p.fn}: test ${q(p.test)} is for cluster-robust errors (vcov "CR2" or "CR1"), not vcov ${q(p.vcov)}`,
    ja: (p: Fn & { test: string; vcov: string }) => `${p.fn}: test「${p.test}」はクラスターに頑健な標準誤差（vcov "CR2" か "CR1"）のためのもので、vcov「${p.vcov}」には使えません`,
  },
  satterthwaiteNeedsCR2: {
    en: (p: Fn) => `${p.fn}: Satterthwaite degrees of freedom are derived for CR2; with vcov "CR1" use test "naive-t" (t on G − 1 df), or vcov "CR2"`,
    ja: (p: Fn) => `${p.fn}: Satterthwaite の自由度は CR2 のためのものです。vcov "CR1" では test "naive-t"（自由度 G − 1 の t）を使うか、vcov "CR2" にしてください`,
  },
  fixedEffectsNeedCluster: {
    en: (p: Fn) => `${p.fn}: fixedEffects needs the cluster column whose dummies it adds (pass cluster: "company")`,
    ja: (p: Fn) => `${p.fn}: fixedEffects にはダミー変数を作るクラスターの列が必要です（cluster: "company" のように指定してください）`,
  },
  // Warnings.
  fewEffectiveClusters: {
    en: (p: Fn & { column: string; clusters: number; term: string; effective: number; df: number }) =>
      `${p.fn}: few effective clusters of ${q(p.column)}: ${p.clusters} clusters, but for ${q(p.term)} the effective number is ${p.effective.toFixed(1)} (Carter, Schnepel & Steigerwald 2017) and the Satterthwaite df ${p.df.toFixed(1)}. Intervals and p-values rest on few independent units; read them with care (below about 4 df even CR2 + Satterthwaite is unreliable; a wild cluster bootstrap is a check).`,
    ja: (p: Fn & { column: string; clusters: number; term: string; effective: number; df: number }) =>
      `${p.fn}: 「${p.column}」の実質的なクラスター数が少なくなっています。クラスターは${p.clusters}ありますが、「${p.term}」の実効クラスター数は${p.effective.toFixed(1)}（Carter, Schnepel & Steigerwald 2017）、Satterthwaite 自由度は${p.df.toFixed(1)}です。区間と p 値は少数の独立な単位に依存しているため、慎重に読んでください（自由度が約4未満では CR2 + Satterthwaite でも信頼できません。ワイルド・クラスター・ブートストラップで確かめられます）。`,
  },
});
