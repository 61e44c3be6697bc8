// The seeded generator of the bundled consortium dataset (see ../README.md).
export { DATASET_FILES, DEFAULT_SEED, encodeShiftJis, GENERATOR_VERSION, generateDataset, type DatasetOptions, type DatasetTruth } from "./dataset.js";
export { writeRespondentsCsv } from "./stream.js";
export { drawRespondent, RESPONDENT_MODEL, respondentColumns, respondentLine, respondents, type GeneratedRespondent, type ScaleScores } from "./respondents.js";
export { CAREER_MODEL, careerColumns, drawCareer, stepProbabilities, STEP_IDS, transitionRows, type CareerAnswers } from "./career.js";
export { generateLearning, LEARNING_MODEL, learningColumns, learningCompanies, trueCompletion, type LearningRow } from "./learning.js";
export { generatePilot, PILOT_MODEL, pilotColumns, type PilotRow } from "./pilot.js";
export { COMPANY_MODEL, companyIds, companyProfiles, type CompanyProfile } from "./companies.js";
export { generateRatings, RATING_MODEL, ratingColumnIds, ratingColumnsJa, ratingProbabilities, TRUE_TOP3, type RatingRow } from "./ratings.js";
export { REASONS } from "./rating-reasons.js";
export { COMMENT_MODEL, commentColumnIds, commentColumnsJa, generateComments, QUESTIONS, type CommentRow } from "./comments.js";
export { generateTranscripts, PERSONAS, SPEAKERS, transcriptColumns, type TranscriptRow } from "./transcripts.js";
export { codebook, leafCodes } from "./codebook.js";
export { VOICES } from "./voices.js";
export { toFullWidthAlphanumerics, toHalfWidthKatakana } from "./widths.js";
export { TRUTH_BEGIN, TRUTH_END, truthMarkdown, withTruthBlock } from "./truth-summary.js";
