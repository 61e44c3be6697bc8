# Reference for estimateEffect() on MatchIt's lalonde (lalonde.csv beside this script), base R +
# sandwich only: the propensity score from glm(logit);
#  - weighting: lm(re78 ~ treat, weights = w) with ATT weights (1; ps/(1 − ps)) or ATE weights
#    (1/ps; 1/(1 − ps)), no trimming (as WeightIt's default); also with scores clipped to
#    [0.01, 0.99] (koe's old default) to show the difference;
#  - regression (g-computation): Lin's fully interacted regression lm(re78 ~ treat * Xc), Xc the
#    dummy-coded covariates centred at the treated rows' means (ATT) or all rows' means (ATE); its
#    treat coefficient is the average predicted difference over those rows;
#  - doubly robust: lm(re78 ~ treat + covariates, weights = w).
# Standard errors: sandwich::vcovHC(type = "HC1").
# Run: Rscript effects.R > effects.json
suppressPackageStartupMessages({ library(sandwich); library(jsonlite) })
d <- read.csv("lalonde.csv")
f <- treat ~ age + educ + race + married + nodegree + re74 + re75
ps <- fitted(glm(f, data = d, family = binomial))
hc1 <- function(fit, term = "treat") list(estimate = unname(coef(fit)[term]), stdError = unname(sqrt(vcovHC(fit, type = "HC1")[term, term])))
w_att <- function(p) ifelse(d$treat == 1, 1, p / (1 - p))
w_ate <- function(p) ifelse(d$treat == 1, 1 / p, 1 / (1 - p))
clip <- pmin(pmax(ps, 0.01), 0.99)
X <- model.matrix(f, data = d)[, -1]
lin <- function(centre) {
  Xc <- sweep(X, 2, centre)
  fit <- lm(d$re78 ~ d$treat * Xc)
  r <- hc1(fit, "d$treat")
  # The same number as g-computation: one model per group, the predicted difference averaged over
  # the rows the estimand is about (with Xc centred there, the difference of the intercepts).
  b1 <- coef(lm(d$re78 ~ Xc, subset = d$treat == 1)); b0 <- coef(lm(d$re78 ~ Xc, subset = d$treat == 0))
  r$gcomp <- unname(b1[1] - b0[1])
  r
}
out <- list(
  call = "glm propensity; lm(re78 ~ treat, weights); Lin lm(re78 ~ treat * Xc); vcovHC HC1",
  weighting_att = hc1(lm(re78 ~ treat, data = d, weights = w_att(ps))),
  weighting_ate = hc1(lm(re78 ~ treat, data = d, weights = w_ate(ps))),
  weighting_att_clipped_0.01 = c(hc1(lm(re78 ~ treat, data = d, weights = w_att(clip))), list(rows_clipped = sum(ps < 0.01 | ps > 0.99))),
  regression_att = lin(colMeans(X[d$treat == 1, ])),
  regression_ate = lin(colMeans(X)),
  doubly_robust_att = hc1(lm(update(f, re78 ~ treat + .), data = d, weights = w_att(ps))),
  doubly_robust_ate = hc1(lm(update(f, re78 ~ treat + .), data = d, weights = w_ate(ps))),
  r_version = R.version.string, sandwich = as.character(packageVersion("sandwich")))
cat(toJSON(out, auto_unbox = TRUE, digits = 15, pretty = TRUE))
