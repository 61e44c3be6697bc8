# Reference for groupMeans(): the bundled data's engagement scores (mean of the 10 items, eng_06 and
# eng_08 reversed as 6 − x, at least 5 answered), by cross_boundary, clustered by company:
# lm(y ~ 1) on each group's rows with clubSandwich CR2 + Satterthwaite (each person once), the
# same with weights 1/(people of the company in the group) (each company once), and with the
# company-size weights n_company/mean; the mean of company means and its plain SE by hand; the i.i.d.
# interval; the baseline gap pooled and within companies (lm(pre ~ treat + factor(company))).
# Run from this folder: Rscript group-means.R > group-means.json
suppressPackageStartupMessages({ library(clubSandwich); library(jsonlite) })
r <- read.csv("../../../../../data/respondents.csv")
score <- function(w) {
  items <- sprintf("eng_%02d_%s", 1:10, w)
  m <- as.matrix(r[, items]); m[, c(6, 8)] <- 6 - m[, c(6, 8)]
  ok <- rowSums(!is.na(m)) >= 5; ifelse(ok, rowMeans(m, na.rm = TRUE), NA)
}
d <- data.frame(company = r$company, treat = r$cross_boundary, pre = score("pre"), post = score("post"))
d <- d[complete.cases(d), ]
d$size <- ave(rep(1, nrow(d)), d$company, FUN = sum)
cr2 <- function(s, w = NULL) {
  f <- if (is.null(w)) lm(y ~ 1, data = s) else lm(y ~ 1, data = s, weights = w)
  ct <- coef_test(f, vcov = vcovCR(f, cluster = s$company, type = "CR2"), test = "Satterthwaite")
  ci <- conf_int(f, vcov = vcovCR(f, cluster = s$company, type = "CR2"), test = "Satterthwaite", level = 0.95)
  list(mean = unname(coef(f)[1]), stdError = ct$SE[1], df = ct$df_Satt[1], ciLow = ci$CI_L[1], ciHigh = ci$CI_U[1])
}
out <- list()
for (wave in c("pre", "post")) for (g in c(0, 1)) {
  s <- d[d$treat == g, ]; s$y <- s[[wave]]
  s$wc <- 1 / ave(rep(1, nrow(s)), s$company, FUN = sum)
  cm <- tapply(s$y, s$company, mean)
  out[[sprintf("%s_%d", wave, g)]] <- list(
    n = nrow(s), clusters = length(cm),
    person = cr2(s), company = cr2(s, s$wc), headcount = cr2(s, s$size),
    meanOfCompanyMeans = mean(cm), companyMeansSe = sd(cm) / sqrt(length(cm)),
    iidSe = sd(s$y) / sqrt(nrow(s)))
}
everyone <- d; everyone$y <- d$pre
everyone$wc <- 1 / everyone$size
fe <- lm(pre ~ treat + factor(company), data = d)
out$all_pre <- list(person = cr2(everyone), company = cr2(everyone, everyone$wc), meanOfCompanyMeans = mean(tapply(d$pre, d$company, mean)))
out$gap <- list(pooled = mean(d$pre[d$treat == 1]) - mean(d$pre[d$treat == 0]), withinCompanies = unname(coef(fe)["treat"]))
out$r_version <- R.version.string
out$clubSandwich <- as.character(packageVersion("clubSandwich"))
cat(toJSON(out, auto_unbox = TRUE, digits = 15, pretty = TRUE))
