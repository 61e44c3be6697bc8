# CR2 + Satterthwaite on the cross-boundary report's degenerate fits (issue 14): the appointed kind
# vs non-participants, in the companies with appointed participants, innovation_post on
# cross_boundary + innovation_pre + generation + job_type + manager + factor(company), clustered by
# company. cluster-robust-cross-boundary.csv holds koe's scores of those rows (scoreScales on
# data/respondents.csv); the other columns come from data/respondents.csv.
# Run: Rscript cluster-robust-cross-boundary.R > cluster-robust-cross-boundary.json
suppressPackageStartupMessages({ library(clubSandwich); library(jsonlite) })
s <- read.csv("cluster-robust-cross-boundary.csv")
d <- merge(s, read.csv("../../../../../data/respondents.csv")[, c("respondent_id", "company", "generation", "job_type", "manager", "cross_boundary")], by = "respondent_id", sort = FALSE)
d <- d[match(s$respondent_id, d$respondent_id), ]
row <- function(ct, i, extra = list()) c(list(estimate = ct$beta[i], stdError = ct$SE[i], df = ct$df_Satt[i], pValue = ct$p_Satt[i]), extra)
# Doubly robust (ATT): weights 1 and p/(1 − p) from the logistic model with company, then the weighted regression.
pm <- glm(cross_boundary ~ innovation_pre + generation + job_type + manager + factor(company), binomial, d)
ps <- fitted(pm)
d$w <- ifelse(d$cross_boundary == 1, 1, ps / (1 - ps))
f <- lm(innovation_post ~ cross_boundary + innovation_pre + generation + job_type + manager + factor(company), d, weights = w)
dr <- as.data.frame(coef_test(f, vcov = "CR2", cluster = d$company, test = "Satterthwaite"))
# Regression (Lin, ATT): covariates (company dummies included) centred at the participants' means and
# their interactions with the treatment, those constant among participants left out (as koe).
X <- model.matrix(~ innovation_pre + generation + job_type + manager + factor(company), d)[, -1]
tr <- d$cross_boundary
Xc <- sweep(X, 2, colMeans(X[tr == 1, , drop = FALSE]))
keep <- apply(Xc[tr == 1, , drop = FALSE], 2, function(v) any(abs(v) > 1e-12))
g <- lm(d$innovation_post ~ tr + Xc + I(tr * Xc[, keep]))
lin <- as.data.frame(coef_test(g, vcov = "CR2", cluster = d$company, test = "Satterthwaite"))
# The same without the treatment × company interactions (company as fixed effects only).
Xn <- Xc[, !grepl("company", colnames(Xc))]
keepn <- apply(Xn[tr == 1, , drop = FALSE], 2, function(v) any(abs(v) > 1e-12))
h <- lm(d$innovation_post ~ tr + Xc + I(tr * Xn[, keepn]))
fe <- as.data.frame(coef_test(h, vcov = "CR2", cluster = d$company, test = "Satterthwaite"))
cat(toJSON(list(n = nrow(d), companies = length(unique(d$company)), minWeight = min(d$w),
  doublyRobust = row(dr, 2), regression = row(lin, 2), regressionNoCompanyInteractions = row(fe, 2),
  packages = list(clubSandwich = as.character(packageVersion("clubSandwich"))), r_version = R.version.string),
  auto_unbox = TRUE, digits = 15, pretty = TRUE))
