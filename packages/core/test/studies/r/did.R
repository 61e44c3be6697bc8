# Reference for differenceInDifferences(): the long panel lm(y ~ treat * post) with
# sandwich::vcovCL(type = "HC1") clustered by person and by company, and (under `cr2`) CR2 with
# Satterthwaite df (clubSandwich::coef_test) by company for the panel, the change score and
# ANCOVA, with and without company fixed effects (factor(company)), on the bundled data's
# engagement scores (mean of the 10 items, eng_06 and eng_08 reversed as 6 − x, at least 5 answered).
# Run from this folder: Rscript did.R > did.json
suppressPackageStartupMessages({ library(sandwich); library(lmtest); library(clubSandwich); library(jsonlite) })
r <- read.csv("../../../../../data/respondents.csv")
score <- function(w) {
  items <- sprintf("eng_%02d_%s", 1:10, w)
  m <- as.matrix(r[, items])
  m[, c(6, 8)] <- 6 - m[, c(6, 8)]
  ok <- rowSums(!is.na(m)) >= 5
  ifelse(ok, rowMeans(m, na.rm = TRUE), NA)
}
wide <- data.frame(id = r$respondent_id, company = r$company, treat = r$cross_boundary, pre = score("pre"), post = score("post"))
wide <- wide[complete.cases(wide), ]
long <- rbind(data.frame(id = wide$id, company = wide$company, treat = wide$treat, post = 0, y = wide$pre),
              data.frame(id = wide$id, company = wide$company, treat = wide$treat, post = 1, y = wide$post))
fit <- lm(y ~ treat * post, data = long)
row <- function(v) { ct <- coeftest(fit, vcov = v); ci <- coefci(fit, vcov = v); list(estimate = ct["treat:post", 1], stdError = ct["treat:post", 2], pValue = ct["treat:post", 4], ciLow = ci["treat:post", 1], ciHigh = ci["treat:post", 2]) }
cs <- lm(I(post - pre) ~ treat, data = wide)
an <- lm(post ~ treat + pre, data = wide)
out <- list(
  call = "lm(y ~ treat * post, long); coeftest/coefci with vcovCL(fit, cluster = ~id | ~company, type = 'HC1')",
  n_people = nrow(wide), n_rows = nrow(long),
  by_person = row(vcovCL(fit, cluster = ~id, type = "HC1")),
  by_company = row(vcovCL(fit, cluster = ~company, type = "HC1")),
  change_score_company = list(estimate = coef(cs)[["treat"]], stdError = sqrt(vcovCL(cs, cluster = ~company, type = "HC1")["treat", "treat"])),
  ancova_company = list(estimate = coef(an)[["treat"]], stdError = sqrt(vcovCL(an, cluster = ~company, type = "HC1")["treat", "treat"])),
  r_version = R.version.string, sandwich = as.character(packageVersion("sandwich")))
term <- function(fit, cluster, name) {
  ct <- coef_test(fit, vcov = "CR2", cluster = cluster, test = "Satterthwaite")
  ci <- conf_int(fit, vcov = "CR2", cluster = cluster, test = "Satterthwaite", level = 0.95)
  i <- which(ct$Coef == name)
  list(estimate = ct$beta[i], stdError = ct$SE[i], df = ct$df_Satt[i], pValue = ct$p_Satt[i], ciLow = ci$CI_L[i], ciHigh = ci$CI_U[i])
}
out$cr2 <- list(
  call = "coef_test(fit, vcov = 'CR2', cluster = company, test = 'Satterthwaite'); conf_int(...)",
  panel = term(fit, long$company, "treat:post"),
  change_score = term(cs, wide$company, "treat"),
  ancova = term(an, wide$company, "treat"),
  change_score_fe = term(lm(I(post - pre) ~ treat + factor(company), data = wide), wide$company, "treat"),
  ancova_fe = term(lm(post ~ treat + pre + factor(company), data = wide), wide$company, "treat"),
  clubSandwich = as.character(packageVersion("clubSandwich")))
cat(toJSON(out, auto_unbox = TRUE, digits = 15, pretty = TRUE))
