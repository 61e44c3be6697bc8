// The 25 companies of the consortium: unequal sizes, their own engagement level, their own
// appetite for sending people across boundaries, and their own mix of job types.
import { createRandom, type JobType } from "@koe/core";

export const COMPANY_COUNT = 25;
/** C01 … C25. */
export const companyIds: readonly string[] = Array.from({ length: COMPANY_COUNT }, (_, i) => `C${String(i + 1).padStart(2, "0")}`);

/** The first `LARGE_COMPANIES` companies are large (about 600 of 5,000 respondents each); the rest 70–180. */
export const LARGE_COMPANIES = 4;

/** Job-type mixes (technical, clerical, frontline) of the kinds of company in the consortium. */
export const COMPANY_KINDS = {
  office: { ja: "本社・オフィス中心", mix: [0.3, 0.55, 0.15] },
  manufacturing: { ja: "製造業", mix: [0.5, 0.2, 0.3] },
  network: { ja: "店舗・郵便局などの現場網", mix: [0.15, 0.25, 0.6] },
} as const;
export type CompanyKind = keyof typeof COMPANY_KINDS;
const KIND_IDS = Object.keys(COMPANY_KINDS) as CompanyKind[];

export interface CompanyProfile {
  id: string;
  kind: CompanyKind;
  /** Relative size: the chance a respondent belongs to this company is weight / Σ weights. */
  weight: number;
  /** Shift of the latent engagement of its employees (SD units). */
  engagementEffect: number;
  /** Shift of the log-odds of taking part in a cross-boundary assignment. */
  participationEffect: number;
  /** Probabilities of technical, clerical, frontline. */
  jobMix: readonly [number, number, number];
}

/** The company spread, in SD units: company effects on engagement ~ N(0, 0.3²), on participation log-odds ~ N(0, 0.5²). */
export const COMPANY_MODEL = { engagementSd: 0.3, participationSd: 0.5 } as const;

/** The companies of a dataset (fixed by the seed, the same for any number of respondents). */
export function companyProfiles(seed: number): CompanyProfile[] {
  const r = createRandom(`${seed}:companies`);
  return companyIds.map((id, i) => {
    const weight = i < LARGE_COMPANIES ? 5.6 + r.next() * 0.8 : 0.7 + r.next() * 1.1;
    const kind = KIND_IDS[i % KIND_IDS.length]!;
    const engagementEffect = COMPANY_MODEL.engagementSd * r.normal();
    const participationEffect = COMPANY_MODEL.participationSd * r.normal();
    return { id, kind, weight, engagementEffect, participationEffect, jobMix: COMPANY_KINDS[kind].mix };
  });
}

export const JOB_TYPES: readonly JobType[] = ["technical", "clerical", "frontline"];
