// Every text the `koe` command shows a person — help, errors, progress, summaries — in Japanese and
// English, from the one catalogue (codes `cli.*`). Nothing else in the package writes words.
import { defineMessages } from "@koe/core";

type None = Record<string, never>;
const list = (values: readonly string[]) => values.map((v) => JSON.stringify(v)).join(", ");
const listJa = (values: readonly string[]) => values.map((v) => `「${v}」`).join("、");
const text = (en: string, ja: string) => ({ en: (_: None) => en, ja: (_: None) => ja });

/** Help: the program, its commands, arguments and options. */
export const helpMessages = defineMessages("cli.help", {
  program: text(
    "koe: tables, charts and a report from employee-survey and interview files",
    "koe: 社員調査・インタビューのファイルから、表・グラフ・報告書をつくります",
  ),
  usage: text("Usage:", "使い方:"),
  options: text("Options:", "オプション:"),
  commands: text("Commands:", "コマンド:"),
  arguments: text("Arguments:", "引数:"),
  globalOptions: text("Global Options:", "共通オプション:"),
  help: text("show this help", "このヘルプを表示します"),
  helpCommand: text("show the help of a command", "コマンドのヘルプを表示します"),
  version: text("show koe's version", "koe のバージョンを表示します"),
  init: text(
    "read a file's header and write koe.config.json: your headers mapped to koe's fields, the missing-value markers, the Likert items",
    "ファイルの見出しを読み、koe.config.json を書きます（見出しと koe の項目の対応、無回答の記号、リッカート設問）",
  ),
  report: text(
    "read the files (respondents, initiative ratings, comments, a codebook …, recognised by their columns), run every study the data allows, write tables (CSV), charts (SVG) and the report",
    "ファイル（回答者、施策の評価、自由記述、コードブックなど。列から判別します）を読み、データで可能な分析をすべて行い、表（CSV）・グラフ（SVG）・報告書を書きます",
  ),
  matrix: text(
    "the initiative study on initiative ratings: the top initiatives by generation × penetration step, and what became of each",
    "施策の評価から施策の分析: 世代×浸透ステップごとの上位施策と、各施策の結果",
  ),
  compare: text(
    "the cross-boundary study on respondents: participants against non-participants, before and after, with adjusted estimates",
    "回答者から越境の分析: 参加者と非参加者の事前・事後の比較と、調整した効果の推定",
  ),
  code: text(
    "code free-text comments against a codebook and count the codes by segment",
    "自由記述をコードブックでコーディングし、区分ごとにコードを数えます",
  ),
  segments: text(
    "career-ownership segments of respondents: layers by rule, their distribution by segment, the penetration funnel",
    "回答者のキャリアオーナーシップ区分: ルールによる層、区分ごとの分布、浸透のファネル",
  ),
  argFile: text("a CSV or Excel file", "CSV または Excel のファイル"),
  argFiles: text("CSV or Excel files, and a codebook (.json)", "CSV・Excel のファイルと、コードブック（.json）"),
  argRatings: text("initiative ratings (CSV or Excel)", "施策の評価（CSV または Excel）"),
  argRespondents: text("respondents (CSV or Excel)", "回答者（CSV または Excel）"),
  argComments: text("free-text comments (CSV or Excel)", "自由記述（CSV または Excel）"),
  optLang: text(
    "language of help, messages, tables' words and charts: ja or en (default: KOE_LANG, else LANG, else en)",
    "ヘルプ・メッセージ・表とグラフの言語: ja または en（既定: KOE_LANG、なければ LANG、なければ en）",
  ),
  optConfig: text("the configuration koe init wrote (default koe.config.json when present)", "koe init が書いた設定ファイル（既定: koe.config.json があればそれ）"),
  optConfigOut: text("where to write the configuration (default koe.config.json)", "設定ファイルの書き出し先（既定: koe.config.json）"),
  optForce: text("overwrite an existing configuration", "既存の設定ファイルを上書きします"),
  optOut: text("folder for the tables, charts and report (default report/)", "表・グラフ・報告書の出力先フォルダ（既定: report/）"),
  optStrict: text("a rejected row is an error (exit code 1) instead of a reported issue", "読めない行があればエラー（終了コード 1）にします（既定では問題として表示して続けます）"),
  optQuiet: text("print only errors (no progress bar, no findings)", "エラーだけを表示します（進捗バーや結果を表示しません）"),
  optSeed: text("seed of every random draw (default 1)", "乱数の種（既定 1）"),
  optResamples: text("bootstrap resamples (default: the study's, 1000 or 999)", "ブートストラップの反復回数（既定: 分析ごとの既定値 1000 または 999）"),
  optWave: text("the survey wave of the matrix (default: the first)", "マトリクスに使う調査回（既定: 最初の回）"),
  optCodebook: text("the codebook (JSON or CSV) to code the comments against", "自由記述のコーディングに使うコードブック（JSON または CSV）"),
  optRespondents: text("respondents whose segments the comments are counted by (joined on respondent_id)", "自由記述を区分別に数えるための回答者ファイル（respondent_id で結合）"),
  optBy: text("the segment to compare (default generation when the data has it)", "比較する区分（既定: データにあれば世代）"),
  optRules: text("segment rules as JSON (see segmentRespondents; default koe's)", "区分ルールの JSON（segmentRespondents を参照。既定: koe の既定ルール）"),
  optSheet: text("the sheet of an Excel workbook (name, or position from 1)", "Excel ブックのシート（名前、または 1 から数えた位置）"),
  optTitle: text("the report's title", "報告書の題名"),
  exitCodes: text(
    "Exit codes: 0 done, 1 a problem in the data (unreadable file, rejected rows with --strict, a study that cannot run on it), 2 a usage mistake (unknown command or option, missing file).",
    "終了コード: 0 成功、1 データの問題（読めないファイル、--strict で読めない行、データで実行できない分析）、2 使い方の誤り（不明なコマンド・オプション、ファイルがない）。",
  ),
  examples: text(
    "Examples:\n  koe init survey.xlsx\n  koe report respondents.csv ratings.csv comments.csv codebook.json --out report/ --lang ja\n  koe matrix ratings.csv --out out/ --wave 1",
    "例:\n  koe init survey.xlsx\n  koe report respondents.csv ratings.csv comments.csv codebook.json --out report/ --lang ja\n  koe matrix ratings.csv --out out/ --wave 1",
  ),
});

const suggest = (s: string | null) => (s === null ? "" : `; did you mean "${s}"?`);
const suggestJa = (s: string | null) => (s === null ? "" : `（「${s}」のことですか？）`);

/** Usage mistakes (exit code 2). */
export const usageMessages = defineMessages("cli.usage", {
  unknownCommand: {
    en: (p: { command: string; suggestion: string | null; commands: string[] }) => `unknown command "${p.command}"${suggest(p.suggestion)} (commands: ${p.commands.join(", ")})`,
    ja: (p: { command: string; suggestion: string | null; commands: string[] }) => `コマンド「${p.command}」はありません${suggestJa(p.suggestion)}（コマンド: ${p.commands.join("、")}）`,
  },
  unknownOption: {
    en: (p: { option: string; command: string; suggestion: string | null }) => `koe ${p.command}: unknown option "${p.option}"${suggest(p.suggestion)}`,
    ja: (p: { option: string; command: string; suggestion: string | null }) => `koe ${p.command}: オプション「${p.option}」はありません${suggestJa(p.suggestion)}`,
  },
  missingArgument: {
    en: (p: { command: string; argument: string }) => `koe ${p.command} needs ${p.argument}`,
    ja: (p: { command: string; argument: string }) => `koe ${p.command} には ${p.argument} が必要です`,
  },
  optionNeedsValue: {
    en: (p: { command: string; option: string }) => `koe ${p.command}: option "${p.option}" needs a value`,
    ja: (p: { command: string; option: string }) => `koe ${p.command}: オプション「${p.option}」には値が必要です`,
  },
  tooManyArguments: {
    en: (p: { command: string; got: string[] }) => `koe ${p.command}: too many arguments (${list(p.got)})`,
    ja: (p: { command: string; got: string[] }) => `koe ${p.command}: 引数が多すぎます（${listJa(p.got)}）`,
  },
  notAWholeNumber: {
    en: (p: { option: string; value: string; min: number }) => `option "${p.option}" needs a whole number of at least ${p.min} (got "${p.value}")`,
    ja: (p: { option: string; value: string; min: number }) => `オプション「${p.option}」には ${p.min} 以上の整数が必要です（指定: 「${p.value}」）`,
  },
  badLang: {
    en: (p: { value: string }) => `option "--lang" takes ja or en (got "${p.value}")`,
    ja: (p: { value: string }) => `オプション「--lang」は ja か en です（指定: 「${p.value}」）`,
  },
  noFile: {
    en: (p: { path: string }) => `no such file: "${p.path}"`,
    ja: (p: { path: string }) => `ファイル「${p.path}」が見つかりません`,
  },
  notAFile: {
    en: (p: { path: string }) => `"${p.path}" is a folder, not a file`,
    ja: (p: { path: string }) => `「${p.path}」はフォルダです。ファイルを指定してください`,
  },
  configExists: {
    en: (p: { path: string }) => `"${p.path}" exists already: give --force to overwrite it, or --config for another name`,
    ja: (p: { path: string }) => `「${p.path}」はすでにあります。上書きするには --force、別の名前にするには --config を指定してください`,
  },
  badConfig: {
    en: (p: { path: string; detail: string }) => `the configuration "${p.path}" is not valid: ${p.detail}`,
    ja: (p: { path: string; detail: string }) => `設定ファイル「${p.path}」が正しくありません: ${p.detail}`,
  },
  badJson: {
    en: (p: { path: string; detail: string }) => `"${p.path}" is not valid JSON: ${p.detail}`,
    ja: (p: { path: string; detail: string }) => `「${p.path}」は正しい JSON ではありません: ${p.detail}`,
  },
  noCommand: text("koe needs a command (see koe --help)", "koe にはコマンドが必要です（koe --help を参照）"),
});

/** Problems in the data (exit code 1). */
export const dataMessages = defineMessages("cli.data", {
  notRecognised: {
    en: (p: { file: string; columns: string[] }) =>
      `cannot tell what "${p.file}" holds from its columns (${list(p.columns)}): respondents need respondent_id and their answers, initiative ratings initiative and outcome or effective, comments a text column, transcripts transcript_id and speaker — map your headers in koe.config.json ("headers")`,
    ja: (p: { file: string; columns: string[] }) =>
      `「${p.file}」の列（${listJa(p.columns)}）からは、何のファイルか判別できません。回答者には回答者IDと回答、施策の評価には施策と結果（または効果あり）、自由記述には回答の列、インタビューにはインタビューIDと話者の列が必要です。koe.config.json の "headers" で見出しを対応させてください`,
  },
  wrongKind: {
    en: (p: { file: string; kind: string; needed: string }) => `"${p.file}" holds ${p.kind}; this command needs ${p.needed}`,
    ja: (p: { file: string; kind: string; needed: string }) => `「${p.file}」は${p.kind}のファイルです。このコマンドには${p.needed}のファイルが必要です`,
  },
  nothingToSegment: {
    en: (p: { columns: string[] }) =>
      `the respondents have nothing to segment by: neither the career-ownership items (aware_01_pre …, trad_view_pre), nor a layer column, nor the penetration steps (step_know …); their columns: ${list(p.columns)}`,
    ja: (p: { columns: string[] }) =>
      `回答者に区分のもとになる列がありません。キャリア意識・行動の設問（キャリア意識1_事前 など）、キャリア意識層の列、浸透ステップ（浸透_知る など）のいずれも見つかりません。列: ${listJa(p.columns)}`,
  },
  studyFailed: {
    en: (p: { study: string; message: string }) => `${p.study}: ${p.message}`,
    ja: (p: { study: string; message: string }) => `${p.study}: ${p.message}`,
  },
  internal: {
    en: (p: { message: string }) => `koe stopped on an unexpected error (a bug in koe; please report it): ${p.message}`,
    ja: (p: { message: string }) => `想定外のエラーで止まりました（koe の不具合です。報告してください）: ${p.message}`,
  },
  nothingToRun: text(
    "none of the studies can run on these files (respondents, initiative ratings, or comments with a codebook are needed)",
    "これらのファイルでは実行できる分析がありません（回答者、施策の評価、またはコードブック付きの自由記述が必要です）",
  ),
});

/** What the command prints while it works and when it is done. */
export const runMessages = defineMessages("cli.run", {
  kind: {
    en: (p: { kind: string }) => ({ respondents: "respondents", ratings: "initiative ratings", comments: "comments", transcripts: "interview transcripts", codebook: "a codebook" })[p.kind] ?? p.kind,
    ja: (p: { kind: string }) => ({ respondents: "回答者", ratings: "施策の評価", comments: "自由記述", transcripts: "インタビュー記録", codebook: "コードブック" })[p.kind] ?? p.kind,
  },
  read: {
    en: (p: { file: string; kind: string; read: number; accepted: number; rejected: number; issues: number }) =>
      `read "${p.file}" (${p.kind}): ${p.read} rows, ${p.accepted} accepted, ${p.rejected} rejected, ${p.issues} issue${p.issues === 1 ? "" : "s"}`,
    ja: (p: { file: string; kind: string; read: number; accepted: number; rejected: number; issues: number }) =>
      `「${p.file}」（${p.kind}）を読みました: ${p.read}行、採用 ${p.accepted}行、不採用 ${p.rejected}行、問題 ${p.issues}件`,
  },
  absentColumns: {
    en: (p: { columns: string[] }) => `${p.columns.length} of koe's columns are not in the file; their values are treated as missing: ${p.columns.join(", ")}`,
    ja: (p: { columns: string[] }) => `koe の列のうち ${p.columns.length} 列はファイルにありません（値は欠測として扱います）: ${p.columns.join("、")}`,
  },
  moreIssues: {
    en: (p: { more: number; path: string }) => `  … and ${p.more} more: every issue is in ${p.path}`,
    ja: (p: { more: number; path: string }) => `  …ほか${p.more}件。すべての問題は ${p.path} にあります`,
  },
  issuesWritten: {
    en: (p: { path: string }) => `  every issue: ${p.path}`,
    ja: (p: { path: string }) => `  すべての問題: ${p.path}`,
  },
  stepRead: {
    en: (p: { file: string }) => `reading ${p.file}`,
    ja: (p: { file: string }) => `${p.file} を読んでいます`,
  },
  stepStudy: {
    en: (p: { study: string }) => `running ${p.study}`,
    ja: (p: { study: string }) => `${p.study} を計算しています`,
  },
  stepChart: {
    en: (p: { chart: string }) => `drawing ${p.chart}`,
    ja: (p: { chart: string }) => `${p.chart} を描いています`,
  },
  stepReport: text("writing the report", "報告書を書いています"),
  findings: {
    en: (p: { study: string }) => `${p.study} — findings:`,
    ja: (p: { study: string }) => `${p.study} — 結果:`,
  },
  noFindings: {
    en: (p: { study: string }) => `${p.study}: no finding to state (the tables and charts are written)`,
    ja: (p: { study: string }) => `${p.study}: 文章にする結果はありません（表とグラフは書き出しました）`,
  },
  warnings: text("warnings:", "注意:"),
  transcriptsRead: text(
    "the interview transcripts are read and accounted for; koe report does not analyse them (code them with codeTexts in @koe/core)",
    "インタビュー記録は読み込んで件数を確認しました。koe report では分析しません（@koe/core の codeTexts でコーディングしてください）",
  ),
  wrote: {
    en: (p: { count: number; dir: string }) => `wrote ${p.count} file${p.count === 1 ? "" : "s"} to ${p.dir}`,
    ja: (p: { count: number; dir: string }) => `${p.dir} に ${p.count} 個のファイルを書きました`,
  },
  skipped: {
    en: (p: { study: string; reason: string }) => `skipped ${p.study}: ${p.reason}`,
    ja: (p: { study: string; reason: string }) => `${p.study} は行いません: ${p.reason}`,
  },
  needsCodebook: text("the comments need a codebook (a .json among the files, or --codebook)", "自由記述にはコードブックが必要です（ファイルに .json を加えるか、--codebook を指定してください）"),
  needsWaves: text(
    "the configuration's items have no before/after waves (the instrument's \"waves\")",
    "設定の設問に事前・事後の区別がありません（instrument の \"waves\"）",
  ),
  needsColumn: {
    en: (p: { column: string }) => `the respondents have no column "${p.column}"`,
    ja: (p: { column: string }) => `回答者に列「${p.column}」がありません`,
  },
  reportWritten: {
    en: (p: { path: string }) => `report: ${p.path}`,
    ja: (p: { path: string }) => `報告書: ${p.path}`,
  },
  configWritten: {
    en: (p: { path: string; mapped: number; unmapped: string[]; items: number; missing: string[]; kind: string }) =>
      `wrote ${p.path} (${p.kind}): ${p.mapped} column${p.mapped === 1 ? "" : "s"} mapped to koe's fields, ${p.items} Likert item${p.items === 1 ? "" : "s"}, missing markers ${list(p.missing)}` +
      (p.unmapped.length > 0 ? `; not mapped (edit "headers" if they mean one of koe's fields): ${list(p.unmapped)}` : ""),
    ja: (p: { path: string; mapped: number; unmapped: string[]; items: number; missing: string[]; kind: string }) =>
      `${p.path}（${p.kind}）を書きました: koe の項目に対応した列 ${p.mapped}、リッカート設問 ${p.items}、無回答の記号 ${listJa(p.missing)}` +
      (p.unmapped.length > 0 ? `。対応のない列（koe の項目にあたるなら "headers" に書いてください）: ${listJa(p.unmapped)}` : ""),
  },
});

/** Names of the studies as the command prints them. */
export const studyNames = defineMessages("cli.study", {
  matrix: text("initiatives", "施策の分析"),
  compare: text("cross-boundary", "越境の分析"),
  code: text("voices", "自由記述の分析"),
  segments: text("career-ownership segments", "キャリアオーナーシップの区分"),
});

/** Headings of the report's sections and captions of the charts. */
export const titleMessages = defineMessages("cli.title", {
  initiatives: text("Which initiatives work, for whom, at which step", "どの施策が、誰に、どの段階で効いたか"),
  crossBoundary: text("Cross-boundary assignments: participants and non-participants", "越境経験: 参加者と非参加者"),
  voices: text("What the comments say", "自由記述で語られたこと"),
  layers: text("Career-ownership layers", "キャリア意識層"),
  funnel: text("How far career ownership has spread", "キャリアオーナーシップの浸透"),
  matrixChart: text("Top initiatives by generation × penetration step", "世代×浸透ステップごとの上位施策"),
  outcomesChart: text("What became of each initiative", "施策の結果"),
  prePostChart: text("Before and after", "事前・事後"),
  balanceChart: text("Covariate balance", "共変量のバランス"),
  effectsChart: text("Estimated effects", "効果の推定"),
  codesChart: text("Codes over all comments", "語られたこと（全体）"),
  codesByChart: {
    en: (p: { by: string }) => `Codes by ${p.by}`,
    ja: (p: { by: string }) => `${p.by}別のコード`,
  },
  layersChart: {
    en: (p: { by: string }) => `Layers by ${p.by}`,
    ja: (p: { by: string }) => `${p.by}別のキャリア意識層`,
  },
  gradientChart: text("Career awareness and action", "キャリア意識と行動"),
  profile: text("Awareness and action in each layer", "キャリア意識層ごとの意識と行動"),
  funnelChart: text("The penetration funnel", "浸透のファネル"),
  itemsChart: text("Answers to the items", "設問への回答"),
  scores: {
    en: (p: { by: string }) => `The items' scores by ${p.by}`,
    ja: (p: { by: string }) => `${p.by}別の設問の得点`,
  },
  report: text("koe report", "koe レポート"),
});
