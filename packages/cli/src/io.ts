// Where the command writes: results to stdout, problems to stderr, the progress bar on stderr when it
// is a terminal; in one language.
import { localize, type Lang, type Message } from "@koe/core";
import { Progress, type BarStream } from "./progress.js";

/** The streams and settings a command writes with. */
export interface Streams {
  stdout: NodeJS.WritableStream;
  stderr: BarStream;
  env: Readonly<Record<string, string | undefined>>;
}

/**
 * What a command prints: `say` (results, silenced by --quiet), `warn` (problems, always), each a
 * catalogue entry worded in the chosen language; a progress bar on a terminal.
 */
export class Io {
  readonly progress: Progress;

  constructor(
    readonly streams: Streams,
    readonly lang: Lang,
    readonly quiet: boolean,
  ) {
    // No bar under --quiet, in CI, or on a dumb terminal; the stream must be a terminal too (Progress checks).
    const env = streams.env;
    this.progress = new Progress(streams.stderr, { enabled: !quiet && !env.CI && env.TERM !== "dumb" });
  }

  /** A catalogue entry in the command's language. */
  text<P>(message: Message<P>, params: P): string {
    return localize(message, params)[this.lang];
  }

  /** A line of results on stdout (not under --quiet). */
  say(line: string): void {
    if (this.quiet) return;
    this.progress.interrupt(() => this.streams.stdout.write(line + "\n"));
  }

  /** A line about a problem on stderr (always). */
  warn(line: string): void {
    this.progress.interrupt(() => this.streams.stderr.write(line + "\n"));
  }
}
