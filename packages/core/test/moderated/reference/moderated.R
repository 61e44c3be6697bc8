# Reference for moderatedEffect(): the effect at each level of a moderator as contrasts of
# lm() coefficients, standard errors from sandwich (vcovHC / vcovCL, type "HC1"), tests on the
# residual df as lmtest::coeftest, the interaction as car::linearHypothesis(test = "F"), and
# p.adjust(method = "holm").
# The table pilot-sim.csv is simulated here (seeded) once: 8 companies, a dialogue pilot where the
# sheet's quality (good / poor, blank for non-participants) moderates the effect (+0.30 / -0.15),
# a generation moderator for the within-level design, a covariate and a few blanks.
# The same on the bundled pilot, data/dialogue_pilot.csv (truth: good +0.30, poor −0.15).
# Run from this folder: Rscript moderated.R > moderated.json
suppressPackageStartupMessages({ library(sandwich); library(lmtest); library(car); library(jsonlite) })
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
# 6-8: the bundled pilot (data/dialogue_pilot.csv): the sheet's quality, each level vs all controls.
bundled <- read.csv("../../../../../data/dialogue_pilot.csv", na.strings = "")
p <- bundled[bundled$dialogue == 0 | !is.na(bundled$sheet_quality), ]
p$good <- as.integer(p$dialogue == 1 & p$sheet_quality %in% "good")
p$poor <- as.integer(p$dialogue == 1 & p$sheet_quality %in% "poor")
pilot <- list(did_hc1 = all_case(p, FALSE, FALSE), did_company = all_case(p, FALSE, TRUE), ancova_hc1 = all_case(p, TRUE, FALSE))
out <- list(
  call = "lm(I(post - pre) ~ good + poor | dialogue * generation + tenure) and ANCOVA; sandwich vcovHC/vcovCL(type = 'HC1'); car::linearHypothesis(test = 'F'); p.adjust('holm')",
  did_all_hc1 = all_case(a, FALSE, FALSE), did_all_company = all_case(a, FALSE, TRUE), ancova_all_company = all_case(a, TRUE, TRUE),
  did_generation_hc1 = same_level, ancova_generation_company = same_level_ancova, pilot = pilot,
  r_version = R.version.string, sandwich = as.character(packageVersion("sandwich")), car = as.character(packageVersion("car")))
cat(toJSON(out, auto_unbox = TRUE, digits = 15, pretty = TRUE))
