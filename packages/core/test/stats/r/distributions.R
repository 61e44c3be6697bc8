# Reference values for the distribution functions, far into the tails. Run: Rscript distributions.R > distributions.json
suppressPackageStartupMessages(library(jsonlite))
cases <- list(
  list(f = "normalCdf", args = list(-37), lowerTail = TRUE, value = pnorm(-37)),
  list(f = "normalCdf", args = list(8), lowerTail = FALSE, value = pnorm(8, lower.tail = FALSE)),
  list(f = "normalQuantile", args = list(1e-300), value = qnorm(1e-300)),
  list(f = "tCdf", args = list(-40, 3), lowerTail = TRUE, value = pt(-40, 3)),
  list(f = "tCdf", args = list(30, 2.5), lowerTail = FALSE, value = pt(30, 2.5, lower.tail = FALSE)),
  list(f = "tCdf", args = list(1.3, 17.77), lowerTail = TRUE, value = pt(1.3, 17.77)),
  list(f = "tQuantile", args = list(1e-12, 5), value = qt(1e-12, 5)),
  list(f = "tQuantile", args = list(0.975, 17.7764735161785), value = qt(0.975, 17.7764735161785)),
  list(f = "chiSquareCdf", args = list(1e-5, 100), lowerTail = TRUE, value = pchisq(1e-5, 100)),
  list(f = "chiSquareCdf", args = list(400, 100), lowerTail = FALSE, value = pchisq(400, 100, lower.tail = FALSE)),
  list(f = "chiSquareQuantile", args = list(0.999999, 3), value = qchisq(0.999999, 3)),
  list(f = "fCdf", args = list(80, 2, 57), lowerTail = FALSE, value = pf(80, 2, 57, lower.tail = FALSE)),
  list(f = "fCdf", args = list(0.01, 5, 7), lowerTail = TRUE, value = pf(0.01, 5, 7)),
  list(f = "fQuantile", args = list(0.999999, 2, 3), value = qf(0.999999, 2, 3)),
  list(f = "binomialCdf", args = list(3, 100, 0.5), lowerTail = TRUE, value = pbinom(3, 100, 0.5)),
  list(f = "binomialCdf", args = list(97, 100, 0.5), lowerTail = FALSE, value = pbinom(97, 100, 0.5, lower.tail = FALSE)),
  list(f = "binomialQuantile", args = list(0.025, 40, 0.3), value = qbinom(0.025, 40, 0.3)),
  list(f = "hypergeometricCdf", args = list(1, 30, 40, 20), lowerTail = TRUE, value = phyper(1, 30, 40, 20)),
  list(f = "hypergeometricCdf", args = list(18, 30, 40, 20), lowerTail = FALSE, value = phyper(18, 30, 40, 20, lower.tail = FALSE)),
  list(f = "tukeyCdf", args = list(3.5, 4, 20), lowerTail = FALSE, value = ptukey(3.5, 4, 20, lower.tail = FALSE)),
  list(f = "tukeyQuantile", args = list(0.95, 3, 27), value = qtukey(0.95, 3, 27))
)
cat(toJSON(list(r_version = R.version.string, cases = cases), auto_unbox = TRUE, digits = 15, pretty = TRUE))
