# Reference for estimateEffect(method = "matching") with exact, ratio, a caliper on the logit and
# regression adjustment (issue 14, finding 4). Data: lalonde (MatchIt) and the bundled survey's
# engagement scores (cross-boundary-scores.csv: koe's scoreScales of data/respondents.csv).
# The propensity score is glm(logit); the matching is an independent greedy 1:k nearest-neighbour
# match without replacement written here (treated from the highest distance down, in k rounds,
# each taking the nearest unmatched control of its own exact stratum, ties to the lowest row;
# caliper = c × sd(distance over all units)) — because Debian 12's MatchIt 4.5.1 matches wrongly
# (integer abs() of distances, fixed upstream in 4.5.4); the script records whether MatchIt agrees.
# Weights as MatchIt's: treated 1, a control 1/k_i, controls scaled to sum to their number.
# Effect: lm(y ~ treat [+ covariates], weights) on the matched rows; SEs by subclass
# (sandwich::vcovCL(type = "HC1"), MatchIt's guidance) and by company (clubSandwich CR2, Satterthwaite).
# Run: Rscript matching-within.R > matching-within.json
suppressPackageStartupMessages({ library(sandwich); library(clubSandwich); library(jsonlite); library(MatchIt) })

greedy <- function(dist, treat, ratio = 1, caliper = Inf, exact = rep(1, length(dist))) {
  limit <- if (is.finite(caliper)) caliper * sd(dist) else Inf
  controls <- vector("list", length(dist))
  avail <- treat == 0
  tr <- which(treat == 1); tr <- tr[order(-dist[tr], tr)]
  for (r in seq_len(ratio)) for (i in tr) {
    if (r > 1 && length(controls[[i]]) == 0) next
    cand <- which(avail & exact == exact[i])
    if (length(cand) == 0) next
    d <- abs(dist[cand] - dist[i])
    best <- cand[d == min(d)]; best <- min(best)
    if (abs(dist[best] - dist[i]) > limit) next
    controls[[i]] <- c(controls[[i]], best); avail[best] <- FALSE
  }
  sets <- tr[vapply(tr, function(i) length(controls[[i]]) > 0, logical(1))]
  list(sets = sets, controls = controls[sets])
}

effect <- function(data, y, treat, m, adjust = character(0), company = NULL) {
  rows <- unlist(lapply(seq_along(m$sets), function(s) c(m$sets[s], m$controls[[s]])))
  subclass <- unlist(lapply(seq_along(m$sets), function(s) rep(s, 1 + length(m$controls[[s]]))))
  w <- unlist(lapply(seq_along(m$sets), function(s) c(1, rep(1 / length(m$controls[[s]]), length(m$controls[[s]])))))
  ctl <- data[[treat]][rows] == 0
  w[ctl] <- w[ctl] * sum(ctl) / sum(w[ctl])
  md <- data[rows, , drop = FALSE]; md$.w <- w; md$.subclass <- subclass
  f <- reformulate(c(treat, adjust), response = y)
  fit <- lm(f, data = md, weights = .w)
  v <- vcovCL(fit, cluster = ~.subclass, type = "HC1")
  out <- list(estimate = unname(coef(fit)[2]), se_subclass = sqrt(v[2, 2]), treated = length(m$sets), controls = sum(ctl),
    sizes = as.list(table(factor(lengths(m$controls), levels = 1:5))), rows = rows - 1)
  if (!is.null(company)) {
    ct <- coef_test(fit, vcov = "CR2", cluster = md[[company]], test = "Satterthwaite")
    out$se_company_cr2 <- ct$SE[2]; out$df_company_cr2 <- ct$df_Satt[2]
    vc1 <- vcovCL(fit, cluster = md[[company]], type = "HC1"); out$se_company_cr1 <- sqrt(vc1[2, 2])
  }
  out
}

logit_of <- function(fit) predict(fit, type = "link")

# 1. lalonde: exact = ~race, ratio 3, caliper 0.2 on the logit, adjusted by the covariates.
data("lalonde", package = "MatchIt")
cov_l <- c("age", "educ", "race", "married", "nodegree", "re74", "re75")
ps_l <- glm(reformulate(cov_l, "treat"), data = lalonde, family = binomial)
m_l <- greedy(logit_of(ps_l), lalonde$treat, ratio = 3, caliper = 0.2, exact = as.integer(lalonde$race))
mi <- matchit(reformulate(cov_l, "treat"), data = lalonde, method = "nearest", exact = ~race, ratio = 3, caliper = 0.2, link = "linear.logit")
same_as_matchit <- setequal(which(mi$weights > 0) - 1, effect(lalonde, "re78", "treat", m_l)$rows)
lalonde_out <- list(
  plain = effect(lalonde, "re78", "treat", m_l),
  adjusted = effect(lalonde, "re78", "treat", m_l, adjust = cov_l),
  matchit_same_rows = same_as_matchit)

# 2. The bundled survey: engagement after on taking part.
s <- read.csv("cross-boundary-scores.csv")
s$cross_boundary <- as.integer(s$cross_boundary == "true"); s$manager <- as.integer(s$manager == "true")
cov_s <- c("engagement_pre", "generation", "job_type", "manager")
ps_s <- glm(reformulate(cov_s, "cross_boundary"), data = s, family = binomial)
p_s <- fitted(ps_s)
k <- min(5, max(1, floor(sum(s$cross_boundary == 0) / sum(s$cross_boundary == 1))))
across <- greedy(p_s, s$cross_boundary)
within <- greedy(logit_of(ps_s), s$cross_boundary, ratio = k, caliper = 0.2, exact = as.integer(factor(s$company)))
# The doubly robust estimate (ATT weights p/(1 - p), weighted regression on the covariates), CR2 by company.
s$.w <- ifelse(s$cross_boundary == 1, 1, p_s / (1 - p_s))
dr <- lm(reformulate(c("cross_boundary", cov_s), "engagement_post"), data = s, weights = .w)
dr_ct <- coef_test(dr, vcov = "CR2", cluster = s$company, test = "Satterthwaite")
# Weighting and doubly robust with exact = "company": company enters the propensity model (and the
# doubly robust outcome model) as a factor.
ps_c <- glm(reformulate(c(cov_s, "factor(company)"), "cross_boundary"), data = s, family = binomial)
p_c <- fitted(ps_c); s$.wc <- ifelse(s$cross_boundary == 1, 1, p_c / (1 - p_c))
wc <- lm(engagement_post ~ cross_boundary, data = s, weights = .wc)
wc_ct <- coef_test(wc, vcov = "CR2", cluster = s$company, test = "Satterthwaite")
drc <- lm(reformulate(c("cross_boundary", cov_s, "factor(company)"), "engagement_post"), data = s, weights = .wc)
drc_ct <- coef_test(drc, vcov = "CR2", cluster = s$company, test = "Satterthwaite")
# One-way ANOVA intra-class correlation of the pre score by company (ICC(1)).
a <- anova(lm(engagement_pre ~ factor(company), data = s)); g <- nlevels(factor(s$company)); nn <- table(s$company)
n0 <- (sum(nn) - sum(nn^2) / sum(nn)) / (g - 1)
icc <- (a[1, 3] - a[2, 3]) / (a[1, 3] + (n0 - 1) * a[2, 3])
survey_out <- list(
  ratio_auto = k,
  across_1to1 = effect(s, "engagement_post", "cross_boundary", across, company = "company"),
  within_adjusted = effect(s, "engagement_post", "cross_boundary", within, adjust = cov_s, company = "company"),
  within_plain = effect(s, "engagement_post", "cross_boundary", within, company = "company"),
  doubly_robust = list(estimate = unname(coef(dr)[2]), se_company_cr2 = dr_ct$SE[2], df_company_cr2 = dr_ct$df_Satt[2]),
  weighting_company_factor = list(estimate = unname(coef(wc)[2]), se_company_cr2 = wc_ct$SE[2], df_company_cr2 = wc_ct$df_Satt[2]),
  doubly_robust_company_factor = list(estimate = unname(coef(drc)[2]), se_company_cr2 = drc_ct$SE[2], df_company_cr2 = drc_ct$df_Satt[2]),
  icc_pre_company = icc)
for (key in c("across_1to1", "within_adjusted", "within_plain")) survey_out[[key]]$rows <- NULL

cat(toJSON(list(lalonde = lalonde_out, survey = survey_out, r_version = R.version.string,
  matchit = as.character(packageVersion("MatchIt")), clubSandwich = as.character(packageVersion("clubSandwich")),
  sandwich = as.character(packageVersion("sandwich"))), auto_unbox = TRUE, digits = 15, pretty = TRUE))
