# CR2 + Satterthwaite on degenerate designs (issue 14): company fixed effects, a company-level
# regressor, ATT-like weights spanning orders of magnitude with exact zeros. Writes the data
# (cluster-robust-degenerate.csv) and prints clubSandwich's coef_test as JSON.
# Run: Rscript cluster-robust-degenerate.R > cluster-robust-degenerate.json
suppressPackageStartupMessages({ library(clubSandwich); library(jsonlite) })
set.seed(14)
G <- 8; sizes <- c(40, 25, 12, 30, 8, 50, 15, 20)
company <- rep(sprintf("C%d", 1:G), sizes)
n <- length(company)
x <- round(rnorm(n), 4)
zc <- round(rnorm(G), 4)[as.integer(factor(company))]
treat <- rbinom(n, 1, 0.3)
w <- ifelse(treat == 1, 1, round(exp(rnorm(n, -3, 2)), 6))
w[sample(which(treat == 0), 10)] <- 0
y <- round(0.5 * treat + 0.3 * x + zc + rnorm(G)[as.integer(factor(company))] + rnorm(n), 4)
d <- data.frame(company, x, zc, treat, w, y)
write.csv(d, "cluster-robust-degenerate.csv", row.names = FALSE)
f <- lm(y ~ treat + x + factor(company), d, weights = w)
ct <- coef_test(f, vcov = "CR2", cluster = d$company, test = "Satterthwaite")
f0 <- lm(y ~ treat + x + factor(company), d[d$w > 0, ], weights = w)
ct0 <- coef_test(f0, vcov = "CR2", cluster = d$company[d$w > 0], test = "Satterthwaite")
tab <- function(ct) lapply(1:3, function(i) list(term = ct$Coef[i], estimate = ct$beta[i], stdError = ct$SE[i], df = ct$df_Satt[i], pValue = ct$p_Satt[i]))
cat(toJSON(list(call = "lm(y ~ treat + x + factor(company), weights = w); coef_test(vcov = 'CR2', cluster = company, test = 'Satterthwaite')",
  cr2 = tab(ct), cr2_positive_weights = tab(ct0), packages = list(clubSandwich = as.character(packageVersion("clubSandwich"))), r_version = R.version.string),
  auto_unbox = TRUE, digits = 15, pretty = TRUE))
