// The cost of loading koe: `node --import tsx bench/import-job.ts` prints one JSON line with the
// milliseconds of `await import("@koe/core")`, of the whole process up to that point, and the CPU
// milliseconds the process has used by then (all threads: less sensitive to a busy machine).
const t0 = performance.now();
await import("@koe/core");
const importMs = performance.now() - t0;
const cpu = process.cpuUsage();
console.log(JSON.stringify({
  importMs: +importMs.toFixed(1),
  sinceStartMs: +performance.now().toFixed(1),
  cpuMs: Math.round((cpu.user + cpu.system) / 1000),
  maxRssKB: process.resourceUsage().maxRSS,
}));
