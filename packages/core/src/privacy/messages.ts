// Every message text of the privacy module lives here, so wording stays consistent and translatable.
// (errors/messages.ts holds the readers' texts; these may move there once that module is shared.)

const q = (s: string) => JSON.stringify(s);
const list = (values: readonly string[], max = 20) =>
  values.slice(0, max).map(q).join(", ") + (values.length > max ? `, … (${values.length - max} more)` : "");
const show = (value: unknown) => (typeof value === "string" ? q(value) : String(value));

export const privacyMessages = {
  unknownOption: (fn: string, name: string, known: readonly string[]) => `${fn}: unknown option ${q(name)} (options: ${list(known)})`,
  badOption: (fn: string, name: string, rule: string, value: unknown) => `${fn}: option ${q(name)} ${rule} (got ${show(value)})`,
  raggedMatrix: (fn: string, row: number, found: number, expected: number) =>
    `${fn}: row ${row} of the matrix has ${found} cell${found === 1 ? "" : "s"}, row 1 has ${expected}`,
  notACountCell: (fn: string, row: number, column: number, value: unknown) =>
    `${fn}: cell [${row}, ${column}] is ${show(value)}; counts must be whole numbers ≥ 0`,
  notACountRow: (fn: string, row: number, column: string, value: unknown) =>
    `${fn}: row ${row}, column ${q(column)}: ${show(value)} is not a count (a whole number ≥ 0)`,
  noColumn: (fn: string, column: string, known: readonly string[]) => `${fn}: no column ${q(column)} (columns: ${list(known)})`,
  sameColumnTwice: (fn: string, column: string) => `${fn}: column ${q(column)} is given for two roles (count, row, column must differ)`,
  notARow: (fn: string, row: number) => `${fn}: item ${row} is not a row object ({ column: value, … })`,
  reservedColumn: (fn: string, column: string) =>
    `${fn}: the input already has a column ${q(column)}, which suppression adds; rename or drop it first`,
  repeatedGroup: (fn: string, first: number, again: number, group: string) =>
    `${fn}: rows ${first} and ${again} are the same group (${group}); aggregate the counts first`,
  notCountInput: (fn: string) =>
    `${fn}: expected a matrix of counts (number[][]), or rows / an arquero table with options { row: "<column>" }`,
  patternShape: (fn: string, what: string, found: number, expected: number) =>
    `${fn}: the suppression has ${found} ${what}, the matrix needs ${expected}; audit the matrix the suppression was made for`,
  optionsNotObject: (fn: string, value: unknown) => `${fn}: options must be an object (got ${show(value)})`,
  auditSmallVisible: (name: string, value: number, minSize: number) => `${name} shows ${value}, a group under ${minSize}`,
  auditDetermined: (name: string, value: number) => `${name} (${value}) is determined by the published numbers: it can only be ${value}`,
  auditNarrowed: (name: string, value: number, low: number, high: number, minSize: number) =>
    `${name} (${value}) can be narrowed to ${low}–${high}, below ${minSize}: a reader learns it is a small group`,
  emptyKey: (fn: string) => `${fn}: the key must not be empty (use a long random secret, kept out of the repository and the data)`,
  pseudonymCollision: (fn: string, length: number) =>
    `${fn}: two different ids get the same pseudonym at length ${length}; use a longer length (the ids are not printed here on purpose)`,
};
