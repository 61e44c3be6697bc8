# Oracle for betaPrior/shrink (issue 14, finding 7): the beta prior of binomial rates by the method
# of moments corrected for binomial noise (Kleinman 1973), written out independently, on a small
# case and on the bundled wave-1 matrix (companies effective / practised per cell x initiative).
# Run: Rscript initiatives-prior.R > initiatives-prior.out.txt   (from this folder)
prior <- function(x, n) {
  keep <- n > 0; x <- x[keep]; n <- n[keep]; k <- length(n); N <- sum(n)
  mu <- sum(x) / N
  S <- sum(n * (x / n - mu)^2)
  rho <- (S / (mu * (1 - mu)) - (k - 1)) / (N - sum(n^2) / N)
  rho <- min(max(rho, 0), 1 - 1e-9)
  ab <- 1 / rho - 1
  c(mean = mu, rho = rho, alpha = mu * ab, beta = (1 - mu) * ab)
}
options(digits = 12)
cat("## small case x = c(6, 7, 2, 9), n = c(11, 10, 8, 9)\n")
print(prior(c(6, 7, 2, 9), c(11, 10, 8, 9)))
d <- read.csv("../../../../../data/initiative_ratings.csv", fileEncoding = "UTF-8-BOM", stringsAsFactors = FALSE)
names(d) <- c("company", "wave", "generation", "step", "initiative", "effective", "outcome", "reason_code", "reason")
d <- d[d$wave == 1, ]
d$eff <- d$outcome == "実践して効果が出た"
d$prac <- d$outcome != "実践しなかった"
a <- aggregate(cbind(x = eff, n = prac) ~ generation + step + initiative, data = d, FUN = sum)
cat("\n## bundled wave 1: cell x initiative rates (companies effective / practised)\n")
cat("rates", sum(a$n > 0), "\n")
pr <- prior(a$x, a$n)
print(pr)
s <- (a$x + pr["alpha"]) / (a$n + pr["alpha"] + pr["beta"])
cat("\n## shrunken rate of young x know (若手 x 知る) one_on_one (キャリア1on1)\n")
i <- which(a$generation == "若手" & a$step == "知る" & a$initiative == "キャリア1on1")
cat("x", a$x[i], "n", a$n[i], "shrunken", format(s[i], digits = 12), "\n")
