// Public API of @koe/cli: the `koe` command as a function, its configuration and exit codes.
export { runKoe, COMMANDS } from "./program.js";
export { EXIT, UsageError } from "./exit.js";
export { KoeConfig, ConfigItem, FileKind, CONFIG_FILE, loadConfig } from "./config.js";
export { initConfig, KNOWN_MARKERS, type InitResult } from "./init.js";
export { mapHeaders, kindOf, type MappedHeader } from "./recognise.js";
export { chooseLang } from "./lang.js";
export { Progress } from "./progress.js";
export type { Streams } from "./io.js";
