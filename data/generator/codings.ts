// Two people (A and B) coded the first comments by hand, as a working group would to check koe's
// rules and each other: each keeps a planted code with a known probability and adds a code the
// comment does not voice with a small one, so their agreement is known before it is measured.
import { createRandom } from "@koe/core";
import { codebook } from "./codebook.js";
import type { CommentRow } from "./comments.js";

/** The manual coding model: comments coded, and per coder the chance to miss a voiced code and to add an unvoiced one. */
export const CODING_MODEL = {
  comments: 150,
  coders: {
    A: { miss: 0.08, add: 0.01 },
    B: { miss: 0.15, add: 0.03 },
  },
} as const;

export const codingColumns = ["id", "coder", "code"] as const;

export interface ManualCoding {
  /** The comment's 1-based row in comments.csv (koe's default text id). */
  row: number;
  coder: string;
  /** A code id, or null: the coder read the comment and gave it no code. */
  code: string | null;
}

const leafCodes = codebook.codes.filter((c) => c.keywords.length > 0).map((c) => c.id);

/** Manual codings of the first CODING_MODEL.comments comments by coders A and B, one row per code given (a blank code: read, nothing given). */
export function generateCodings(comments: readonly CommentRow[], seed: number): ManualCoding[] {
  const out: ManualCoding[] = [];
  for (const [coder, { miss, add }] of Object.entries(CODING_MODEL.coders)) {
    const r = createRandom(`${seed}:codings:${coder}`);
    comments.slice(0, CODING_MODEL.comments).forEach((c, i) => {
      // One draw per leaf code in codebook order, whether voiced or not, so each decision has its own draw.
      const given = leafCodes.filter((code) => (c.codes.includes(code) ? r.next() >= miss : r.next() < add));
      if (given.length === 0) out.push({ row: i + 1, coder, code: null });
      for (const code of given) out.push({ row: i + 1, coder, code });
    });
  }
  return out;
}
