# Reference values for cluster-robust inference: CR2 (Bell–McCaffrey) with Satterthwaite degrees
# of freedom (clubSandwich, estimatr), CR1 with G − 1 df (sandwich + lmtest), and the effective
# number of clusters G* (Carter, Schnepel & Steigerwald 2017, rho = 1, computed from its formula).
# Data: cluster-robust.csv (from cluster-robust-data.R). Run: Rscript cluster-robust.R > cluster-robust.json
suppressPackageStartupMessages({ library(clubSandwich); library(estimatr); library(sandwich); library(lmtest); library(jsonlite) })
d <- read.csv("cluster-robust.csv")
G <- length(unique(d$company))
cr2 <- function(fit, cluster) {
  ct <- coef_test(fit, vcov = "CR2", cluster = cluster, test = "Satterthwaite")
  ci <- conf_int(fit, vcov = "CR2", cluster = cluster, test = "Satterthwaite", level = 0.95)
  lapply(seq_len(nrow(ct)), function(i) list(term = ct$Coef[i], estimate = ct$beta[i], stdError = ct$SE[i], statistic = ct$tstat[i], df = ct$df_Satt[i], pValue = ct$p_Satt[i], ciLow = ci$CI_L[i], ciHigh = ci$CI_U[i]))
}
cr1 <- function(fit, cluster) {
  v <- vcovCL(fit, cluster = cluster, type = "HC1")
  ct <- coeftest(fit, vcov = v, df = G - 1)
  ci <- coefci(fit, vcov = v, df = G - 1)
  lapply(seq_len(nrow(ct)), function(i) list(term = rownames(ct)[i], estimate = ct[i, 1], stdError = ct[i, 2], statistic = ct[i, 3], df = G - 1, pValue = ct[i, 4], ciLow = ci[i, 1], ciHigh = ci[i, 2]))
}
cr1n <- function(fit, cluster) {
  ct <- coeftest(fit, vcov = vcovCL(fit, cluster = cluster, type = "HC1"))
  lapply(seq_len(nrow(ct)), function(i) list(term = rownames(ct)[i], statistic = ct[i, 3], pValue = ct[i, 4]))
}
# G*(rho = 1): gamma_g = (e_j' (X'WX)^-1 X_g' W_g 1)^2, G* = G / (1 + Gamma), Gamma = mean((gamma - mean)^2) / mean^2.
gstar <- function(fit, cluster) {
  X <- model.matrix(fit); w <- if (is.null(weights(fit))) rep(1, nrow(X)) else weights(fit)
  B <- solve(crossprod(X, X * w))
  s <- rowsum(X * w, cluster) %*% B
  apply(s, 2, function(a) { g <- a^2; G / (1 + mean((g - mean(g))^2) / mean(g)^2) })
}
lr <- function(fit) { t <- tidy(fit); lapply(seq_len(nrow(t)), function(i) list(term = t$term[i], stdError = t$std.error[i], df = t$df[i], pValue = t$p.value[i])) }
out <- list()
f1 <- lm(y ~ zc + x1 + x2 + seg, d)
out$ols <- list(call = "lm(y ~ zc + x1 + x2 + seg); coef_test(vcov = 'CR2', cluster = company, test = 'Satterthwaite'); conf_int", cr2 = cr2(f1, d$company),
  cr1 = cr1(f1, ~company), cr1_residual_df = cr1n(f1, ~company), gstar = as.list(gstar(f1, d$company)),
  estimatr = lr(lm_robust(y ~ zc + x1 + x2 + seg, data = d, clusters = company, se_type = "CR2")))
f2 <- lm(y ~ x1 + x2 + seg, d, weights = w)
out$weighted <- list(call = "lm(y ~ x1 + x2 + seg, weights = w); coef_test(vcov = 'CR2', cluster = company, test = 'Satterthwaite')", cr2 = cr2(f2, d$company),
  cr1 = cr1(f2, ~company), gstar = as.list(gstar(f2, d$company)),
  estimatr = lr(lm_robust(y ~ x1 + x2 + seg, data = d, weights = w, clusters = company, se_type = "CR2")))
long <- rbind(data.frame(id = seq_len(nrow(d)), company = d$company, treat = d$treat, post = 0, y = d$pre),
              data.frame(id = seq_len(nrow(d)), company = d$company, treat = d$treat, post = 1, y = d$post))
f3 <- lm(y ~ treat * post, long)
out$did_panel <- list(call = "long panel lm(y ~ treat * post); coef_test(CR2, cluster = company, Satterthwaite)", cr2 = cr2(f3, long$company), cr1 = cr1(f3, ~company))
d$change <- d$post - d$pre
f4 <- lm(change ~ treat + x1, d)
out$change_score <- list(call = "lm(post - pre ~ treat + x1); CR2 Satterthwaite by company", cr2 = cr2(f4, d$company))
f5 <- lm(post ~ treat + pre + x1, d)
out$ancova <- list(call = "lm(post ~ treat + pre + x1); CR2 Satterthwaite by company", cr2 = cr2(f5, d$company))
f6 <- lm(change ~ treat + x1 + factor(company), d)
out$change_score_fe <- list(call = "lm(post - pre ~ treat + x1 + factor(company)); CR2 Satterthwaite by company", cr2 = cr2(f6, d$company)[1:3])
f7 <- lm(post ~ treat + pre + x1 + factor(company), d)
out$ancova_fe <- list(call = "lm(post ~ treat + pre + x1 + factor(company)); CR2 Satterthwaite by company", cr2 = cr2(f7, d$company)[1:4])
out$r_version <- R.version.string
out$packages <- list(clubSandwich = as.character(packageVersion("clubSandwich")), estimatr = as.character(packageVersion("estimatr")), sandwich = as.character(packageVersion("sandwich")))
cat(toJSON(out, auto_unbox = TRUE, digits = 15, pretty = TRUE))
