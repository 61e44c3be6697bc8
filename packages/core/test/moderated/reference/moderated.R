# Reference for moderatedEffect(): the effect at each level of a moderator as contrasts of
# lm() coefficients, standard errors from sandwich (vcovHC / vcovCL, type "HC1"), tests on the
# residual df as lmtest::coeftest, the interaction as car::linearHypothesis(test = "F"), and
# p.adjust(method = "holm").
# The table pilot-sim.csv is simulated here (seeded) once: 8 companies, a dialogue pilot where the
# sheet's quality (good / poor, blank for non-participants) moderates the effect (+0.30 / -0.15),
# a generation moderator for the within-level design, a covariate and a few blanks.
# The same on the bundled pilot, data/dialogue_pilot.csv (truth: good +0.30, poor −0.15).
# The clustered cases again with koe's default since issue 14: CR2 (Bell-McCaffrey) with
# Satterthwaite df per contrast (clubSandwich::linear_contrast / coef_test, vcov = "CR2",
# test = "Satterthwaite"), the interaction by clubSandwich::Wald_test (HTZ, which for one
# constraint is the Satterthwaite t test squared; and "Naive-F", F on (q, G - 1), for several),
# and CR1 with t on G - 1 df (test = "naive-t") on request: keys "*_cr2" and "*_cr1" (CR1 as koe
# and sandwich::vcovCL(type = "HC1"), i.e. clubSandwich's "CR1S", G/(G-1) (N-1)/(N-p)).
# Run from this folder: Rscript moderated.R > moderated.json
suppressPackageStartupMessages({ library(sandwich); library(lmtest); library(car); library(clubSandwich); library(jsonlite) })
if (!file.exists("pilot-sim.csv")) {
  set.seed(20261111)
  n <- 240
  company <- sprintf("C%02d", sample(1:8, n, replace = TRUE))
  generation <- sample(c("young", "mid", "senior"), n, replace = TRUE)
  tenure <- round(runif(n, 1, 30))
  dialogue <- rbinom(n, 1, 0.5)
  sheet <- ifelse(dialogue == 1, ifelse(runif(n) < 0.6, "good", "poor"), "")
  firm <- rnorm(8, 0, 0.2)[as.integer(substr(company, 2, 3))]
  pre <- 3 + firm + 0.2 * dialogue + rnorm(n, 0, 0.6)
  gen_effect <- c(young = 0.1, mid = 0, senior = -0.1)[generation]
  effect <- ifelse(sheet == "good", 0.30, ifelse(sheet == "poor", -0.15, 0)) + dialogue * gen_effect
  post <- pre + 0.05 + 0.005 * tenure + effect + rnorm(n, 0, 0.35)
  pre <- round(pre, 2); post <- round(post, 2)
  pre[c(7, 50)] <- NA; post[c(90)] <- NA
  sheet[which(dialogue == 1)[3]] <- ""  # a participant whose sheet is not recorded
  write.csv(data.frame(pilot_id = sprintf("P%04d", 1:n), company, generation, tenure, dialogue, sheet_quality = sheet, engagement_pre = pre, engagement_post = post), "pilot-sim.csv", row.names = FALSE, na = "")
}
d <- read.csv("pilot-sim.csv", na.strings = "")
d$generation <- factor(d$generation, levels = c("young", "mid", "senior"))
ci_t <- function(est, se, df) est + c(-1, 1) * qt(0.975, df) * se
levels_of <- function(fit, V, vectors, names) {
  rows <- lapply(seq_along(vectors), function(j) {
    c <- vectors[[j]]; est <- sum(c * coef(fit)); se <- sqrt(drop(t(c) %*% V %*% c)); df <- fit$df.residual
    list(level = names[j], estimate = est, stdError = se, statistic = est / se, pValue = 2 * pt(-abs(est / se), df), ciLow = ci_t(est, se, df)[1], ciHigh = ci_t(est, se, df)[2])
  })
  adj <- p.adjust(sapply(rows, `[[`, "pValue"), method = "holm")
  for (j in seq_along(rows)) rows[[j]]$pAdjusted <- adj[j]
  rows
}
wald <- function(fit, V, hyp) { h <- linearHypothesis(fit, hyp, vcov. = V, test = "F"); list(statistic = h$F[2], df1 = h$Df[2], df2 = h$Res.Df[2], pValue = h$`Pr(>F)`[2]) }
pooled <- function(fit, V, term) { ct <- coeftest(fit, vcov = V); ci <- coefci(fit, vcov = V); list(estimate = ct[term, 1], stdError = ct[term, 2], pValue = ct[term, 4], ciLow = ci[term, 1], ciHigh = ci[term, 2]) }

# 1-3: the sheet's quality, each level's participants vs all non-participants.
a <- d[!is.na(d$engagement_pre) & !is.na(d$engagement_post) & (d$dialogue == 0 | !is.na(d$sheet_quality)), ]
a$good <- as.integer(a$dialogue == 1 & a$sheet_quality %in% "good")
a$poor <- as.integer(a$dialogue == 1 & a$sheet_quality %in% "poor")
all_case <- function(a, ancova, cluster) {
  f <- if (ancova) engagement_post ~ engagement_pre + good + poor else I(engagement_post - engagement_pre) ~ good + poor
  fp <- if (ancova) engagement_post ~ engagement_pre + dialogue else I(engagement_post - engagement_pre) ~ dialogue
  fit <- lm(f, data = a); fit0 <- lm(fp, data = a)
  V <- if (cluster) vcovCL(fit, cluster = ~company, type = "HC1") else vcovHC(fit, type = "HC1")
  V0 <- if (cluster) vcovCL(fit0, cluster = ~company, type = "HC1") else vcovHC(fit0, type = "HC1")
  k <- length(coef(fit)); e <- function(name) { v <- numeric(k); v[names(coef(fit)) == name] <- 1; v }
  list(n = nrow(a), levels = levels_of(fit, V, list(e("good"), e("poor")), c("good", "poor")),
       interaction = wald(fit, V, "good = poor"), pooled = pooled(fit0, V0, "dialogue"))
}
# 4: generation, within levels (non-participants of the same generation), with a covariate; HC1.
b <- d[!is.na(d$engagement_pre) & !is.na(d$engagement_post), ]
fit <- lm(I(engagement_post - engagement_pre) ~ dialogue * generation + tenure, data = b)
fit0 <- lm(I(engagement_post - engagement_pre) ~ dialogue + tenure, data = b)
V <- vcovHC(fit, type = "HC1"); nm <- names(coef(fit))
e <- function(...) { v <- numeric(length(nm)); for (x in c(...)) v[nm == x] <- 1; v }
same_level <- list(n = nrow(b), levels = levels_of(fit, V, list(e("dialogue"), e("dialogue", "dialogue:generationmid"), e("dialogue", "dialogue:generationsenior")), c("young", "mid", "senior")),
  interaction = wald(fit, V, c("dialogue:generationmid = 0", "dialogue:generationsenior = 0")), pooled = pooled(fit0, vcovHC(fit0, type = "HC1"), "dialogue"))
# 5: the same, ANCOVA, clustered by company.
fit <- lm(engagement_post ~ engagement_pre + dialogue * generation, data = b)
fit0 <- lm(engagement_post ~ engagement_pre + dialogue, data = b)
V <- vcovCL(fit, cluster = ~company, type = "HC1"); nm <- names(coef(fit))
same_level_ancova <- list(n = nrow(b), levels = levels_of(fit, V, list(e("dialogue"), e("dialogue", "dialogue:generationmid"), e("dialogue", "dialogue:generationsenior")), c("young", "mid", "senior")),
  interaction = wald(fit, V, c("dialogue:generationmid = 0", "dialogue:generationsenior = 0")), pooled = pooled(fit0, vcovCL(fit0, cluster = ~company, type = "HC1"), "dialogue"))
# CR2 + Satterthwaite (or CR1 + naive-t) for a fit clustered by company: per level a contrast,
# Holm over the levels, the equality of the level effects, the pooled effect.
cr <- function(fit, fit0, data, vectors, names, type = "CR2") {
  test <- if (type == "CR2") "Satterthwaite" else "naive-t"
  V <- vcovCR(fit, cluster = data$company, type = type)
  lc <- linear_contrast(fit, vcov = V, contrasts = do.call(rbind, vectors), test = test, p_values = TRUE)
  rows <- lapply(seq_along(vectors), function(j) list(level = names[j], estimate = lc$Est[j], stdError = lc$SE[j], df = lc$df[j], pValue = lc$p_val[j], ciLow = lc$CI_L[j], ciHigh = lc$CI_U[j]))
  adj <- p.adjust(sapply(rows, `[[`, "pValue"), method = "holm")
  for (j in seq_along(rows)) rows[[j]]$pAdjusted <- adj[j]
  C <- do.call(rbind, lapply(vectors[-1], function(v) v - vectors[[1]]))
  wt <- function(t) { w <- Wald_test(fit, constraints = C, vcov = V, test = t); list(statistic = w$Fstat, df1 = w$df_num, df2 = w$df_denom, pValue = w$p_val) }
  V0 <- vcovCR(fit0, cluster = data$company, type = type)
  ct <- coef_test(fit0, vcov = V0, test = test, coefs = "dialogue")
  ci <- conf_int(fit0, vcov = V0, test = test, coefs = "dialogue")
  list(n = nrow(data), levels = rows, htz = if (type == "CR2") wt("HTZ") else NULL, naiveF = wt("Naive-F"), clusters = length(unique(data$company)),
       pooled = list(estimate = ct$beta, stdError = ct$SE, df = ct[[5]], pValue = ct[[6]], ciLow = ci$CI_L, ciHigh = ci$CI_U))
}
cr_all <- function(a, ancova, type = "CR2") {
  f <- if (ancova) engagement_post ~ engagement_pre + good + poor else I(engagement_post - engagement_pre) ~ good + poor
  fp <- if (ancova) engagement_post ~ engagement_pre + dialogue else I(engagement_post - engagement_pre) ~ dialogue
  fit <- lm(f, data = a); fit0 <- lm(fp, data = a)
  k <- length(coef(fit)); e <- function(name) { v <- numeric(k); v[names(coef(fit)) == name] <- 1; v }
  cr(fit, fit0, a, list(e("good"), e("poor")), c("good", "poor"), type)
}
fit <- lm(engagement_post ~ engagement_pre + dialogue * generation, data = b); nm <- names(coef(fit))
e <- function(...) { v <- numeric(length(nm)); for (x in c(...)) v[nm == x] <- 1; v }
generation_vectors <- list(e("dialogue"), e("dialogue", "dialogue:generationmid"), e("dialogue", "dialogue:generationsenior"))
ancova_generation_cr2 <- cr(fit, lm(engagement_post ~ engagement_pre + dialogue, data = b), b, generation_vectors, c("young", "mid", "senior"))
# 6-8: the bundled pilot (data/dialogue_pilot.csv): the sheet's quality, each level vs all controls.
bundled <- read.csv("../../../../../data/dialogue_pilot.csv", na.strings = "")
p <- bundled[bundled$dialogue == 0 | !is.na(bundled$sheet_quality), ]
p$good <- as.integer(p$dialogue == 1 & p$sheet_quality %in% "good")
p$poor <- as.integer(p$dialogue == 1 & p$sheet_quality %in% "poor")
pilot <- list(did_hc1 = all_case(p, FALSE, FALSE), did_company = all_case(p, FALSE, TRUE), ancova_hc1 = all_case(p, TRUE, FALSE),
  did_company_cr2 = cr_all(p, FALSE), did_company_cr1 = cr_all(p, FALSE, "CR1S"), ancova_company_cr2 = cr_all(p, TRUE))
out <- list(
  call = "lm(I(post - pre) ~ good + poor | dialogue * generation + tenure) and ANCOVA; sandwich vcovHC/vcovCL(type = 'HC1'); car::linearHypothesis(test = 'F'); p.adjust('holm')",
  did_all_hc1 = all_case(a, FALSE, FALSE), did_all_company = all_case(a, FALSE, TRUE), ancova_all_company = all_case(a, TRUE, TRUE),
  did_generation_hc1 = same_level, ancova_generation_company = same_level_ancova,
  did_all_cr2 = cr_all(a, FALSE), did_all_cr1 = cr_all(a, FALSE, "CR1S"), ancova_all_cr2 = cr_all(a, TRUE), ancova_generation_cr2 = ancova_generation_cr2, pilot = pilot,
  r_version = R.version.string, sandwich = as.character(packageVersion("sandwich")), car = as.character(packageVersion("car")), clubSandwich = as.character(packageVersion("clubSandwich")))
cat(toJSON(out, auto_unbox = TRUE, digits = 15, pretty = TRUE))
