# Reference values for cronbachAlpha() and mcdonaldsOmega(). Run: Rscript reliability.R > reliability.json
# Data: the first 5 agreeableness items (A1–A5) of psychTools::bfi, the first 300 rows, written to bfi_a.csv.
suppressPackageStartupMessages({ library(psych); library(psychTools); library(jsonlite) })
a <- bfi[1:300, c("A1", "A2", "A3", "A4", "A5")]
write.csv(a, "bfi_a.csv", row.names = FALSE, na = "")
keys <- c(-1, 1, 1, 1, 1)
res <- function(al) list(raw_alpha = al$total$raw_alpha, std_alpha = al$total$std.alpha,
  alpha_drop = unname(al$alpha.drop$raw_alpha), r_drop = unname(al$item.stats$r.drop))
pairwise <- alpha(a, keys = keys, use = "pairwise")
complete <- alpha(na.omit(a), keys = keys)
# One-factor omega total from a maximum-likelihood factor analysis of the reverse-scored items (complete cases).
rev <- na.omit(a); rev$A1 <- 7 - rev$A1
fa1 <- factanal(rev, factors = 1)
l <- fa1$loadings[, 1]; u <- fa1$uniquenesses
omega_ml <- sum(l)^2 / (sum(l)^2 + sum(u))
out <- list(
  n_rows = nrow(a), n_complete = nrow(na.omit(a)), missing_cells = sum(is.na(a)),
  pairwise = c(list(call = "psych::alpha(a, keys = c(-1,1,1,1,1), use = 'pairwise')"), res(pairwise)),
  complete = c(list(call = "psych::alpha(na.omit(a), keys = c(-1,1,1,1,1))"), res(complete)),
  omega_total_ml = list(call = "factanal(reverse-scored complete cases, factors = 1): (Σλ)² / ((Σλ)² + Σψ) on the correlation matrix", value = omega_ml),
  r_version = R.version.string, psych = as.character(packageVersion("psych")))
cat(toJSON(out, auto_unbox = TRUE, digits = 15, pretty = TRUE))
