// Why a statistic over a million weights runs slower inside a process that has read a large table:
// `node bench/heap-loop.mjs` times the same allocation-free loop (the pipeline's DiD of bootstrap
// weights) on an empty heap, then after the process holds 3,000,000 strings and 1,000,000 objects
// (about what a million-row table of JS strings holds). Nothing in the loop allocates; only the
// heap around it differs. Prints milliseconds per call.
const n = 1_000_000;
const run = (label) => {
  const c = new Float64Array(n).map(() => Math.random());
  const t = new Uint8Array(n).map(() => (Math.random() < 0.05 ? 1 : 0));
  const w = new Uint16Array(n);
  for (let i = 0; i < n; i++) w[i] = (Math.random() * 3) | 0;
  const did = (w) => {
    let st = 0, nt = 0, sc = 0, nc = 0;
    for (let i = 0; i < w.length; i++) {
      const wi = w[i];
      if (t[i] === 1) {
        st += wi * c[i];
        nt += wi;
      } else {
        sc += wi * c[i];
        nc += wi;
      }
    }
    return st / nt - sc / nc;
  };
  let s = 0;
  const t0 = performance.now();
  for (let k = 0; k < 150; k++) s += did(w);
  console.log(`${label}: ${((performance.now() - t0) / 150).toFixed(2)} ms per call (${s.toFixed(3)})`);
};
run("empty heap");
const strings = [];
for (let k = 0; k < 3_000_000; k++) strings.push(`R${k}-${k % 97}`);
const objects = [];
for (let k = 0; k < 1_000_000; k++) objects.push({ a: k, b: `x${k}` });
run(`after ${strings.length.toLocaleString("en")} strings and ${objects.length.toLocaleString("en")} objects`);
