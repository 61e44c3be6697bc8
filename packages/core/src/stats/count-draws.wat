;; The bootstrap's inner loop in WebAssembly: draws `count` integers in [0, m) from sfc32 and counts
;; them, a byte per unit — the same draws, in the same order, as countInts in random.ts (which stays
;; as the fallback where WebAssembly is missing), about 3× faster in V8 (no bounds checks, the
;; generator's state in registers, one loop).
;;
;; Memory (imported, sized by count-draws.ts): bytes 0–15 the generator's state (a, b, c, d as
;; int32, read at the start and written back at the end); the counts and the carries where the
;; caller says.
;;
;; count(m, count, countsAt, carriesAt) → carries: for each draw t (the next 32-bit output), the
;; unit j = floor((t / 2^32) · m) as JavaScript computes it in doubles; counts[countsAt + j] += 1,
;; a count passing 255 wrapping to 0 and writing j (relative to countsAt) as the next int32 at
;; carriesAt; returns how many carries were written (at most count / 256).
;;
;; Two loops for the index: for m ≤ 2^21 the integer (t · m) >> 32, which equals the doubles'
;; result (t · m < 2^53 is exact in a double, and so are the division by 2^32 and the floor); above
;; that, the doubles' own steps (convert, × 2^-32, × m, floor), with the same rounding as JavaScript.
;;
;; gather(countsAt, rankAt, weightsAt, from, to): the weights of units from…to−1, each its count,
;; weights[i] (uint16 at weightsAt) = counts[rank[i]] (rank: int32 at rankAt) — gatherCounts in
;; bootstrap.ts, which it replaces in the bootstrap's counting worker.
;;
;; Assembled by `node scripts/assemble-wasm.mjs` into count-draws-wasm.ts (a test checks that the
;; committed bytes are this source's).
(module
  (import "env" "memory" (memory 1))
  (func (export "count") (param $m i32) (param $count i32) (param $at i32) (param $carriesAt i32) (result i32)
    (local $a i32) (local $b i32) (local $c i32) (local $d i32) (local $t i32) (local $j i32) (local $v i32)
    (local $k i32) (local $carried i32) (local $mf f64) (local $m64 i64)
    (local.set $a (i32.load offset=0 (i32.const 0)))
    (local.set $b (i32.load offset=4 (i32.const 0)))
    (local.set $c (i32.load offset=8 (i32.const 0)))
    (local.set $d (i32.load offset=12 (i32.const 0)))
    (local.set $mf (f64.convert_i32_u (local.get $m)))
    (local.set $m64 (i64.extend_i32_u (local.get $m)))
    (block $done
      (br_if $done (i32.eqz (local.get $count)))
      (if (i32.le_u (local.get $m) (i32.const 2097152))
        (then
          (loop $integer
            ;; sfc32: t = a + b + d; d += 1; a = b ^ (b >>> 9); b = c + (c << 3); c = rotl(c, 21) + t
            (local.set $t (i32.add (i32.add (local.get $a) (local.get $b)) (local.get $d)))
            (local.set $d (i32.add (local.get $d) (i32.const 1)))
            (local.set $a (i32.xor (local.get $b) (i32.shr_u (local.get $b) (i32.const 9))))
            (local.set $b (i32.add (local.get $c) (i32.shl (local.get $c) (i32.const 3))))
            (local.set $c (i32.add (i32.rotl (local.get $c) (i32.const 21)) (local.get $t)))
            (local.set $j (i32.add (local.get $at)
              (i32.wrap_i64 (i64.shr_u (i64.mul (i64.extend_i32_u (local.get $t)) (local.get $m64)) (i64.const 32)))))
            (local.set $v (i32.add (i32.load8_u (local.get $j)) (i32.const 1)))
            (i32.store8 (local.get $j) (local.get $v))
            (if (i32.eq (local.get $v) (i32.const 256))
              (then
                (i32.store (i32.add (local.get $carriesAt) (i32.shl (local.get $carried) (i32.const 2))) (i32.sub (local.get $j) (local.get $at)))
                (local.set $carried (i32.add (local.get $carried) (i32.const 1)))))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br_if $integer (i32.lt_u (local.get $k) (local.get $count)))))
        (else
          (loop $double
            (local.set $t (i32.add (i32.add (local.get $a) (local.get $b)) (local.get $d)))
            (local.set $d (i32.add (local.get $d) (i32.const 1)))
            (local.set $a (i32.xor (local.get $b) (i32.shr_u (local.get $b) (i32.const 9))))
            (local.set $b (i32.add (local.get $c) (i32.shl (local.get $c) (i32.const 3))))
            (local.set $c (i32.add (i32.rotl (local.get $c) (i32.const 21)) (local.get $t)))
            (local.set $j (i32.add (local.get $at)
              (i32.trunc_f64_u (f64.floor (f64.mul (f64.mul (f64.convert_i32_u (local.get $t)) (f64.const 0x1p-32)) (local.get $mf))))))
            (local.set $v (i32.add (i32.load8_u (local.get $j)) (i32.const 1)))
            (i32.store8 (local.get $j) (local.get $v))
            (if (i32.eq (local.get $v) (i32.const 256))
              (then
                (i32.store (i32.add (local.get $carriesAt) (i32.shl (local.get $carried) (i32.const 2))) (i32.sub (local.get $j) (local.get $at)))
                (local.set $carried (i32.add (local.get $carried) (i32.const 1)))))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br_if $double (i32.lt_u (local.get $k) (local.get $count)))))))
    (i32.store offset=0 (i32.const 0) (local.get $a))
    (i32.store offset=4 (i32.const 0) (local.get $b))
    (i32.store offset=8 (i32.const 0) (local.get $c))
    (i32.store offset=12 (i32.const 0) (local.get $d))
    (local.get $carried))
  (func (export "gather") (param $countsAt i32) (param $rankAt i32) (param $weightsAt i32) (param $from i32) (param $to i32)
    (local $i i32)
    (local.set $i (local.get $from))
    (block $done
      (br_if $done (i32.ge_u (local.get $i) (local.get $to)))
      (loop $units
        (i32.store16
          (i32.add (local.get $weightsAt) (i32.shl (local.get $i) (i32.const 1)))
          (i32.load8_u (i32.add (local.get $countsAt) (i32.load (i32.add (local.get $rankAt) (i32.shl (local.get $i) (i32.const 2)))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $units (i32.lt_u (local.get $i) (local.get $to))))))
)
