// Coding of texts: the rule language and the codebook reader.
export { parseRule, type Rule, type RuleNode } from "./rule.js";
export { matchRule, type RuleMatch, type Span } from "./match-rule.js";
export { matchPrepared, prepareText, type PreparedText } from "./match-rule.js";
export { japaneseTokens, loadTokenizer, type JapaneseToken } from "./tokenize.js";
export { readCodebook, ReadCodebookOptions, type CodingCodebook, type CodingCode } from "./read-codebook.js";
export { codeTexts, CodeTextsOptions } from "./code-texts.js";
export { AUTOMATIC_CODER, type CodedTexts, type CodedSpan, type Coding } from "./coded-texts.js";
