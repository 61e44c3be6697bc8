// The `koe` command line: commands, arguments and options (commander), the help in Japanese or
// English, and the exit codes scripts rely on — 0 done, 1 a problem in the data, 2 a usage mistake.
import { Command, CommanderError, Option } from "commander";
import { closest, KOE_VERSION, localize, setLanguage, type Lang } from "@koe/core";
import { chooseLang } from "./lang.js";
import { EXIT, exitOf, UsageError } from "./exit.js";
import { Io, type Streams } from "./io.js";
import { helpMessages as h, usageMessages as u } from "./messages.js";
import type { CommandOptions } from "./commands.js";
import type { StudyId } from "./write.js";

/** The commands, in the order the help lists them. */
export const COMMANDS = ["init", "report", "matrix", "compare", "code", "segments"] as const;

const TITLES: Record<string, typeof h.usage> = { "Usage:": h.usage, "Options:": h.options, "Commands:": h.commands, "Arguments:": h.arguments, "Global Options:": h.globalOptions };

/** A whole number of at least `min` from an option's text, or a usage error naming the option. */
function wholeNumber(option: string, min: number, lang: Lang) {
  return (value: string): number => {
    const n = Number(value.normalize("NFKC").trim());
    if (!Number.isInteger(n) || n < min || value.trim() === "") throw UsageError.of(u.notAWholeNumber, { option, value, min }, lang);
    return n;
  };
}

/** The commander program, every word in `lang`; `run` receives the parsed command. */
function buildProgram(lang: Lang, streams: Streams, run: (action: () => Promise<number>, quiet: boolean) => void): Command {
  const t = (m: typeof h.usage) => localize(m, {})[lang];
  // ja or en, checked by chooseLang before the program is built (its help is already in that language);
  // taken before the command (koe --lang ja report …) or after it.
  const langOption = () => new Option("--lang <lang>", t(h.optLang));
  const program = new Command("koe")
    .description(t(h.program))
    .version(KOE_VERSION, "-v, --version", t(h.version))
    .helpOption("-h, --help", t(h.help))
    .helpCommand("help [command]", t(h.helpCommand))
    .configureHelp({ styleTitle: (title) => (TITLES[title] ? t(TITLES[title]) : title) })
    .configureOutput({
      writeOut: (s) => streams.stdout.write(s),
      writeErr: (s) => streams.stderr.write(s),
      // Commander's own error texts are English; koe words them itself (see usageOf).
      outputError: () => {},
    })
    .addOption(langOption())
    .exitOverride()
    .showSuggestionAfterError(true)
    .addHelpText("after", `\n${t(h.exitCodes)}\n\n${t(h.examples)}`);

  const common = (c: Command) =>
    c
      .addOption(langOption())
      .option("-q, --quiet", t(h.optQuiet))
      .option("--sheet <sheet>", t(h.optSheet), (v: string) => (/^\d+$/.test(v.trim()) ? Number(v) : v));
  const studyOptions = (c: Command) =>
    common(c)
      .option("-c, --config <file>", t(h.optConfig))
      .option("-o, --out <dir>", t(h.optOut))
      .option("--strict", t(h.optStrict))
      .option("--seed <n>", t(h.optSeed), wholeNumber("--seed", 0, lang))
      .addHelpText("after", `\n${t(h.exitCodes)}`);
  const act = (c: Command, fn: (...args: unknown[]) => Promise<number>) =>
    c.action((...args: unknown[]) => {
      const options = args[args.length - 2] as CommandOptions;
      run(() => fn(...args.slice(0, -2), options), options.quiet === true);
    });

  act(
    common(program.command("init").description(t(h.init)).argument("<file>", t(h.argFile)))
      .option("-c, --config <file>", t(h.optConfigOut))
      .option("-f, --force", t(h.optForce)),
    async (file, o) => (await commands()).initCommand(file as string, o as CommandOptions, currentIo!),
  );
  act(
    studyOptions(program.command("report").description(t(h.report)).argument("<files...>", t(h.argFiles)))
      .option("--codebook <file>", t(h.optCodebook))
      .option("--by <column>", t(h.optBy))
      .option("--rules <file>", t(h.optRules))
      .option("--resamples <n>", t(h.optResamples), wholeNumber("--resamples", 0, lang))
      .option("--title <text>", t(h.optTitle)),
    async (files, o) => (await commands()).reportCommand(files as string[], o as CommandOptions, currentIo!),
  );
  const single = (study: StudyId, argument: string, description: typeof h.usage, argDescription: typeof h.usage) =>
    studyOptions(program.command(study).description(t(description)).argument(argument, t(argDescription)));
  act(
    single("matrix", "<ratings>", h.matrix, h.argRatings)
      .option("--wave <n>", t(h.optWave), wholeNumber("--wave", 1, lang))
      .option("--resamples <n>", t(h.optResamples), wholeNumber("--resamples", 0, lang)),
    async (file, o) => (await commands()).studyCommand("matrix", file as string, o as CommandOptions, currentIo!),
  );
  act(
    single("compare", "<respondents>", h.compare, h.argRespondents).option("--resamples <n>", t(h.optResamples), wholeNumber("--resamples", 19, lang)),
    async (file, o) => (await commands()).studyCommand("compare", file as string, o as CommandOptions, currentIo!),
  );
  act(
    single("code", "<comments>", h.code, h.argComments)
      .option("--codebook <file>", t(h.optCodebook))
      .option("--respondents <file>", t(h.optRespondents))
      .option("--by <column>", t(h.optBy)),
    async (file, o) => (await commands()).studyCommand("code", file as string, o as CommandOptions, currentIo!),
  );
  act(
    single("segments", "<respondents>", h.segments, h.argRespondents).option("--by <column>", t(h.optBy)).option("--rules <file>", t(h.optRules)),
    async (file, o) => (await commands()).studyCommand("segments", file as string, o as CommandOptions, currentIo!),
  );
  return program;
}

let currentIo: Io | null = null;
// The commands load the studies and the charts (vega): not needed for --help, --version or a usage mistake.
const commands = () => import("./commands.js");

/** A commander error as koe's usage error (or null for help and version, which are not errors). */
function usageOf(e: CommanderError, argv: readonly string[], lang: Lang): UsageError | null {
  if (e.code === "commander.helpDisplayed" || e.code === "commander.version" || e.code === "commander.help") return null;
  const quoted = [...e.message.matchAll(/'([^']+)'/g)].map((m) => m[1]!);
  const suggestion = /Did you mean (?:one of )?([^?\n]+)\?/.exec(e.message)?.[1]?.split(",")[0]?.trim() ?? null;
  const command = argv.find((a) => (COMMANDS as readonly string[]).includes(a)) ?? "";
  switch (e.code) {
    case "commander.unknownCommand":
      return UsageError.of(u.unknownCommand, { command: quoted[0] ?? "", suggestion: suggestion ?? closest(quoted[0] ?? "", COMMANDS), commands: [...COMMANDS] }, lang);
    case "commander.unknownOption":
      return UsageError.of(u.unknownOption, { option: quoted[0] ?? "", command, suggestion }, lang);
    case "commander.missingArgument":
      return UsageError.of(u.missingArgument, { command, argument: `<${quoted[0] ?? ""}>` }, lang);
    case "commander.optionMissingArgument":
      return UsageError.of(u.optionNeedsValue, { command, option: quoted[0] ?? "" }, lang);
    case "commander.excessArguments":
      return UsageError.of(u.tooManyArguments, { command, got: argv.filter((a) => !a.startsWith("-")).slice(2) }, lang);
    default:
      return new UsageError(e.code, { ja: e.message, en: e.message }, lang);
  }
}

/**
 * Runs `koe` with the arguments after the command name and returns the exit code: 0 done, 1 a
 * problem in the data (the file cannot be read, rows rejected under --strict, a study that cannot run
 * on it), 2 a usage mistake (unknown command or option, missing file, bad configuration). Words are
 * in the language of --lang, KOE_LANG or LANG (Japanese or English).
 * @example
 * // in a shell:  koe report data/respondents.csv data/initiative_ratings.csv --out report/ --lang ja
 * const code = await runKoe(["--help"], { stdout: process.stdout, stderr: process.stderr, env: { LANG: "ja_JP.UTF-8" } });
 * code // => 0
 */
export async function runKoe(argv: readonly string[], streams: Streams): Promise<number> {
  let lang: Lang;
  try {
    lang = chooseLang(argv, streams.env);
  } catch (e) {
    return fail(e, "en", streams);
  }
  setLanguage(lang);
  let action: (() => Promise<number>) | null = null;
  const program = buildProgram(lang, streams, (fn, quiet) => {
    currentIo = new Io(streams, lang, quiet);
    action = fn;
  });
  if (argv.length === 0) {
    streams.stderr.write(program.helpInformation());
    return fail(UsageError.of(u.noCommand, {}, lang), lang, streams);
  }
  try {
    await program.parseAsync([...argv], { from: "user" });
    const fn = action as (() => Promise<number>) | null;
    return fn === null ? EXIT.ok : await fn();
  } catch (e) {
    if (e instanceof CommanderError) {
      const usage = usageOf(e, argv, lang);
      return usage === null ? EXIT.ok : fail(usage, lang, streams);
    }
    return fail(e, lang, streams);
  } finally {
    (currentIo as Io | null)?.progress.stop();
    currentIo = null;
  }
}

function fail(e: unknown, lang: Lang, streams: Streams): number {
  const { code, text } = exitOf(e, lang);
  streams.stderr.write(`koe: ${text}\n`);
  return code;
}
