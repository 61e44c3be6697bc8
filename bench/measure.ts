// Runs one measured job in a child process, so each figure has its own peak memory.
import { spawnSync } from "node:child_process";

export interface Measurement {
  name: string;
  seconds: number;
  /** Peak resident memory of the whole child process, MB. */
  peakMB: number;
  extra?: Record<string, unknown>;
}

/** Runs `command args…` under GNU-style accounting: wall time from here, peak RSS from the child's rusage. */
export function measureCommand(name: string, command: string, args: string[], options: { input?: string } = {}): Measurement | { name: string; skipped: string } {
  const t0 = performance.now();
  const r = spawnSync(command, args, { encoding: "utf8", maxBuffer: 1 << 26, input: options.input ?? "" });
  const seconds = (performance.now() - t0) / 1000;
  if (r.error || r.status !== 0) return { name, skipped: (r.error?.message ?? r.stderr.trim().split("\n").slice(-3).join(" ")) || `exit ${r.status}` };
  // The child prints one JSON line last: its own timing and maxRSS (KB from process.resourceUsage / resource.getrusage).
  const last = r.stdout.trim().split("\n").pop() ?? "{}";
  let extra: Record<string, unknown> = {};
  try {
    extra = JSON.parse(last) as Record<string, unknown>;
  } catch {
    extra = { output: last };
  }
  const peakKB = typeof extra.maxRssKB === "number" ? extra.maxRssKB : Number.NaN;
  const inner = typeof extra.seconds === "number" ? extra.seconds : seconds;
  return { name, seconds: inner, peakMB: Math.round(peakKB / 1024), extra: { ...extra, processSeconds: +seconds.toFixed(2) } };
}
