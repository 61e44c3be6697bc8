# Spearman's exact p-values (R's prho: enumeration for n <= 9, AS 89 Edgeworth series above). Run: Rscript spearman.R > spearman.json
suppressPackageStartupMessages(library(jsonlite))
set.seed(20261125)
cases <- list()
for (n in c(5, 8, 9, 10, 15, 25, 60)) for (alt in c("two.sided", "less", "greater")) {
  x <- sample(n); y <- x + sample(n) * 0.8 + (if (n > 9) rnorm(n) else 0)
  y <- rank(y, ties.method = "first")
  r <- cor.test(x, y, method = "spearman", alternative = alt)
  cases[[length(cases) + 1]] <- list(n = n, x = x, y = y, alternative = alt, rho = unname(r$estimate), S = unname(r$statistic), p = r$p.value)
}
cat(toJSON(list(call = "cor.test(x, y, method = 'spearman', alternative = alt) (exact, no ties)", r_version = R.version.string, cases = cases), auto_unbox = TRUE, digits = 15, pretty = TRUE))
