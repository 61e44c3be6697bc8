// The process behind the `koe` bin: run the command, set the exit code, let the streams drain.
import { runKoe } from "./program.js";

// A reader that stops early (`koe --help | head`) closes the pipe: stop quietly, as other commands do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code !== "EPIPE") throw e;
    process.exit(process.exitCode ?? 0);
  });
}

process.exitCode = await runKoe(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env });
