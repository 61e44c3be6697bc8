# Reference values for ols() and logisticRegression(). Run: Rscript regression.R > regression.json
suppressPackageStartupMessages({ library(sandwich); library(lmtest); library(jsonlite) })
mt <- read.csv("mtcars.csv")
mt$cyl_f <- factor(paste0("c", mt$cyl))
coefs <- function(ct, ci) lapply(seq_len(nrow(ct)), function(i) list(term = rownames(ct)[i], estimate = ct[i, 1], stdError = ct[i, 2], statistic = ct[i, 3], pValue = ct[i, 4], ciLow = ci[i, 1], ciHigh = ci[i, 2]))
fit <- lm(mpg ~ wt + hp + cyl_f, data = mt)
out <- list()
out$ols_classical <- list(call = "coeftest(lm(mpg ~ wt + hp + cyl_f, mt)); confint", r_squared = summary(fit)$r.squared, sigma = summary(fit)$sigma,
  coefficients = coefs(coeftest(fit), confint(fit)))
v <- vcovHC(fit, type = "HC1")
out$ols_hc1 <- list(call = "coeftest(fit, vcov = vcovHC(fit, type = 'HC1')); coefci(fit, vcov = …)", coefficients = coefs(coeftest(fit, vcov = v), coefci(fit, vcov = v)))
v <- vcovCL(fit, cluster = ~gear, type = "HC1")
out$ols_cluster_gear <- list(call = "coeftest(fit, vcov = vcovCL(fit, cluster = ~gear, type = 'HC1')); coefci(…)", coefficients = coefs(coeftest(fit, vcov = v), coefci(fit, vcov = v)))
g <- glm(am ~ wt + hp, data = mt, family = binomial)
out$logistic <- list(call = "glm(am ~ wt + hp, mt, family = binomial); confint.default", deviance = deviance(g), null_deviance = g$null.deviance, aic = AIC(g),
  coefficients = coefs(summary(g)$coefficients, confint.default(g)))
g2 <- glm(vs ~ mpg + cyl_f, data = mt, family = binomial)
out$logistic_factor <- list(call = "glm(vs ~ mpg + cyl_f, mt, family = binomial)", warning = "none expected", coefficients = coefs(summary(g2)$coefficients, confint.default(g2)))
sep <- data.frame(x = c(1, 2, 3, 4, 5, 6), y = c(0, 0, 0, 1, 1, 1))
w <- tryCatch({ glm(y ~ x, data = sep, family = binomial); "no warning" }, warning = function(w) conditionMessage(w))
out$separation <- list(call = "glm(y ~ x, family = binomial) with y = x > 3", r_warning = w)
out$r_version <- R.version.string
out$packages <- list(sandwich = as.character(packageVersion("sandwich")), lmtest = as.character(packageVersion("lmtest")))
cat(toJSON(out, auto_unbox = TRUE, digits = 15, pretty = TRUE))
