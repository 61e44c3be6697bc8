# Reference for reskillingCycle() on the bundled data/learning.csv: stage counts, completion
# (success / reached a trigger) per period and source, the cycle's turn (a trigger in the next period
# after a success, people in both periods), autonomous shares per period, and the trend of the
# autonomous share — lm / glm(binomial) on period with company fixed effects, sandwich::vcovCL(
# cluster = ~company, type = "HC1"), coeftest / coefci; each company's own slope clustered by person.
# Since issue 14 koe's linear trends are CR2 (Bell-McCaffrey) with Satterthwaite df, as
# estimatr::lm_robust(se_type = "CR2") (the same SEs and Bell-McCaffrey df as clubSandwich's
# coef_test(vcov = "CR2", test = "Satterthwaite"), which takes tens of minutes on these 20,000 rows):
# keys "linear_cr2" and "company_linear_cr2" (the vcovCL HC1 keys are kept: the logistic trend is
# still vcovCL HC1).
# Run from this folder: Rscript reskilling.R > reskilling.json
suppressPackageStartupMessages({ library(sandwich); library(lmtest); library(estimatr); library(jsonlite) })
d <- read.csv("../../../../../data/learning.csv", na.strings = "")
d$company <- factor(d$company)
rank <- c(none = 0, trigger = 1, place = 2, success = 3)
d$r <- rank[d$stage]
per_period <- lapply(sort(unique(d$period)), function(p) {
  x <- d[d$period == p, ]
  src <- function(s) { y <- x[!is.na(x$source) & x$source == s, ]; list(triggered = sum(y$r >= 1), success = sum(y$r == 3)) }
  list(period = p, people = nrow(x), stages = as.list(table(factor(x$stage, levels = names(rank)))),
       reached = list(trigger = sum(x$r >= 1), place = sum(x$r >= 2), success = sum(x$r == 3)),
       company = src("company"), self = src("self"), autonomous = sum(x$autonomous),
       wilson_success = as.numeric(prop.test(sum(x$r == 3), sum(x$r >= 1), correct = FALSE)$conf.int))
})
w <- reshape(d[, c("respondent_id", "period", "r")], idvar = "respondent_id", timevar = "period", direction = "wide")
turn <- lapply(1:3, function(j) {
  a <- w[[paste0("r.", j)]]; b <- w[[paste0("r.", j + 1)]]; ok <- !is.na(a) & !is.na(b)
  list(from = j, success = list(n = sum(ok & a == 3), trigger = sum(ok & a == 3 & b >= 1)), no_success = list(n = sum(ok & a != 3), trigger = sum(ok & a != 3 & b >= 1)))
})
slope <- function(fit, V) { ct <- coeftest(fit, vcov = V); ci <- coefci(fit, vcov = V); list(estimate = ct["period", 1], stdError = ct["period", 2], pValue = ct["period", 4], ciLow = ci["period", 1], ciHigh = ci["period", 2]) }
lpm <- lm(autonomous ~ period + company, data = d)
cr2 <- function(formula, data, cluster) {
  f <- lm_robust(formula, data = data, clusters = data[[cluster]], se_type = "CR2")
  list(estimate = unname(f$coefficients["period"]), stdError = unname(f$std.error["period"]), df = unname(f$df["period"]), pValue = unname(f$p.value["period"]), ciLow = unname(f$conf.low["period"]), ciHigh = unname(f$conf.high["period"]))
}
one_cr2 <- function(id) { x <- d[d$company == id, ]; c(list(company = id, n = nrow(x)), cr2(autonomous ~ period, x, "respondent_id")) }
lgt <- glm(autonomous ~ period + company, data = d, family = binomial)
one <- function(id, logistic) {
  x <- d[d$company == id, ]
  fit <- if (logistic) glm(autonomous ~ period, data = x, family = binomial) else lm(autonomous ~ period, data = x)
  c(list(company = id, n = nrow(x)), slope(fit, vcovCL(fit, cluster = ~respondent_id, type = "HC1")))
}
out <- list(
  call = "lm/glm(autonomous ~ period + company) with vcovCL(cluster = ~company, type = 'HC1'); per company ~ period with vcovCL(cluster = ~respondent_id, type = 'HC1'); coeftest/coefci",
  rows = nrow(d), periods = per_period, turn = turn,
  linear = slope(lpm, vcovCL(lpm, cluster = ~company, type = "HC1")),
  logistic = slope(lgt, vcovCL(lgt, cluster = ~company, type = "HC1")),
  company_linear = list(one("C01", FALSE), one("C05", FALSE)), company_logistic = list(one("C01", TRUE), one("C13", TRUE)),
  linear_cr2 = cr2(autonomous ~ period + company, d, "company"), company_linear_cr2 = list(one_cr2("C01"), one_cr2("C05")),
  r_version = R.version.string, sandwich = as.character(packageVersion("sandwich")), estimatr = as.character(packageVersion("estimatr")))
cat(toJSON(out, auto_unbox = TRUE, digits = 15, pretty = TRUE))
