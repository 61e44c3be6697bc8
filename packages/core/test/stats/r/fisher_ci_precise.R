# Fisher's exact conditional-MLE interval solved to full precision: the same estimating equations
# as R's fisher.test, but uniroot(tol = 1e-15) instead of its default (~1e-4), which makes R's
# own upper bound for the tea table 621.93 instead of 626.24. Run: Rscript fisher_ci_precise.R
precise_ci <- function(tab, alpha = 0.05) {
  m <- sum(tab[1, ]); n <- sum(tab[2, ]); k <- sum(tab[, 1]); x <- tab[1, 1]
  support <- max(0, k - n):min(k, m)
  logdc <- dhyper(support, m, n, k, log = TRUE)
  dn <- function(ncp) { d <- logdc + log(ncp) * support; d <- exp(d - max(d)); d / sum(d) }
  pn <- function(q, ncp, upper = FALSE) if (upper) sum(dn(ncp)[support >= q]) else sum(dn(ncp)[support <= q])
  # f increases with the odds ratio: search (0, 1) if the root is below 1, else (0, 1) for its inverse.
  root <- function(f) if (f(1) > 0) uniroot(f, c(1e-12, 1), tol = 1e-15)$root else 1 / uniroot(function(t) f(1 / t), c(.Machine$double.eps, 1), tol = 1e-15)$root
  u <- root(function(t) alpha / 2 - pn(x, t))
  l <- root(function(t) pn(x, t, TRUE) - alpha / 2)
  c(l, u)
}
tables <- list(tea = matrix(c(3, 1, 1, 3), 2), ucb = matrix(c(1198, 1493, 557, 1278), 2), case_spont = matrix(c(113, 28, 52, 55), 2))
for (nm in names(tables)) cat(nm, sprintf("%.15g", precise_ci(tables[[nm]])), "\n")
