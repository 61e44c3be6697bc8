// A progress bar over the steps of a command (files read, studies run, charts drawn), shown only on a
// terminal: when output goes to a file, a pipe or CI, nothing of it is written.
import cliProgress from "cli-progress";

/** A stream the bar may draw on; it draws only when `isTTY` is true. */
export interface BarStream extends NodeJS.WritableStream {
  isTTY?: boolean;
  columns?: number;
}

/**
 * Steps of long work, with the step under way named beside the bar and the time taken (cli-progress' SingleBar on
 * stderr). Quiet — no output at all — unless the stream is a terminal and `enabled` is true. A line
 * printed while the bar is shown (`interrupt`) clears it first, and the bar is drawn again after.
 * @example
 * const progress = new Progress(process.stderr, { enabled: true });
 * progress.start(3);
 * progress.step("reading respondents.csv"); // the bar at 0/3, the step named
 * progress.stop();
 */
export class Progress {
  private readonly bar: cliProgress.SingleBar | null;
  private active = false;
  private value = 0;

  constructor(private readonly stream: BarStream, options: { enabled: boolean }) {
    this.bar = options.enabled && stream.isTTY === true
      ? new cliProgress.SingleBar(
          { stream, format: "{bar} {value}/{total} {step} {duration_formatted}", barsize: 24, hideCursor: true, clearOnComplete: true, linewrap: false, noTTYOutput: false, forceRedraw: true, fps: 5 },
          cliProgress.Presets.shades_classic,
        )
      : null;
  }

  /** Whether the bar is drawn at all (a terminal, and not quiet). */
  get shown(): boolean {
    return this.bar !== null;
  }

  /** Starts (or resizes) the bar for `total` steps. */
  start(total: number): void {
    if (this.bar === null) return;
    if (this.active) this.bar.setTotal(total);
    else this.bar.start(total, 0, { step: "" });
    this.active = true;
  }

  /** Adds steps to the total (work found on the way, e.g. the charts of a study). */
  add(steps: number): void {
    if (this.bar === null || !this.active) return;
    this.bar.setTotal(this.bar.getTotal() + steps);
  }

  /** Names the step now beginning (drawn at once: the work that follows may hold the thread), counting the previous one done. */
  step(label: string): void {
    if (this.bar === null || !this.active) return;
    this.bar.update(this.value, { step: label });
    this.bar.render();
    this.value++;
  }

  /** Writes a line with the bar out of the way. */
  interrupt(write: () => void): void {
    if (this.bar === null || !this.active) return write();
    this.stream.write("\r\x1b[K");
    write();
    this.bar.render();
  }

  /** Removes the bar (always call it, or the bar's timer keeps the process alive). */
  stop(): void {
    if (this.bar === null || !this.active) return;
    this.bar.update(this.bar.getTotal(), { step: "" });
    this.bar.stop();
    this.active = false;
  }
}
