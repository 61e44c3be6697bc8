// The floor for any reader: stream the file and count newline bytes, nothing else.
import { createReadStream } from "node:fs";

const t0 = performance.now();
let lines = 0;
for await (const chunk of createReadStream(process.argv[2], { highWaterMark: 1 << 20 })) {
  let i = -1;
  while ((i = chunk.indexOf(10, i + 1)) !== -1) lines++;
}
console.log(JSON.stringify({ seconds: +((performance.now() - t0) / 1000).toFixed(3), lines, maxRssKB: process.resourceUsage().maxRSS }));
