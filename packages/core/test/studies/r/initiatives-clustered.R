# Oracle for clusteredShare / initiativeOutcomes' intervals (issue 14, finding 7): a share over
# ratings grouped in companies, Wilson interval on the effective n = N / deff, deff = cluster-robust
# variance of the ratio (G/(G-1) sum (x_g - p n_g)^2 / N^2) over p(1-p)/N, floored at 1.
# Written out independently; the Wilson bound checked against prop.test at deff = 1.
# Run: Rscript initiatives-clustered.R > initiatives-clustered.out.txt   (from this folder)
options(digits = 12)
share <- function(x, n, conf = 0.95) {
  keep <- n > 0; x <- x[keep]; n <- n[keep]; G <- length(n); N <- sum(n); p <- sum(x) / N
  robust <- if (G > 1) G / (G - 1) * sum((x - p * n)^2) / N^2 else 0
  deff <- max(1, robust / (p * (1 - p) / N))
  m <- N / deff; z <- qnorm(1 - (1 - conf) / 2)
  b <- function(s) (p + z^2 / (2 * m) + s * z * sqrt(p * (1 - p) / m + z^2 / (4 * m^2))) / (1 + z^2 / m)
  c(estimate = p, low = b(-1), high = b(1), deff = deff)
}
cat("## small case x = c(9, 1, 5), n = c(10, 10, 10)\n"); print(share(c(9, 1, 5), c(10, 10, 10)))
cat("## Wilson check at deff = 1 (x = c(3, 3), n = c(10, 10)) vs prop.test(6, 20, correct = FALSE)\n")
print(share(c(3, 3), c(10, 10))); print(prop.test(6, 20, correct = FALSE)$conf.int[1:2])
d <- read.csv("../../../../../data/initiative_ratings.csv", fileEncoding = "UTF-8-BOM", stringsAsFactors = FALSE)
names(d) <- c("company", "wave", "generation", "step", "initiative", "effective", "outcome", "reason_code", "reason")
d <- d[d$wave == 1 & d$initiative == "キャリア自己診断", ]
prac <- tapply(d$outcome != "実践しなかった", d$company, sum)
all <- tapply(rep(1, nrow(d)), d$company, sum)
eff <- tapply(d$outcome == "実践して効果が出た", d$company, sum)
cat("## bundled wave 1, self_assessment (キャリア自己診断) over all cells: adoption, then effect rate\n")
print(share(prac, all)); print(share(eff, prac))
cat("## the same as independent ratings (prop.test without correction)\n")
print(prop.test(sum(eff), sum(prac), correct = FALSE)$conf.int[1:2])
