# Reference for groupMeans(...).difference: the difference of two groups' means (participants −
# non-participants, by cross_boundary) on the bundled data's engagement scores (scored as in
# group-means.R), as the treat coefficient of lm(y ~ treat, weights = w) on both groups' rows with
# clubSandwich CR2 + Satterthwaite clustered by company (a company with people in both groups is
# one cluster). Weights: none (each person once); 1/(people of the company in the person's group)
# (each company once: the coefficient is the difference of the two groups' means of company
# means); the company-size weights n_company. Without a cluster: HC1 (sandwich) on n − 2 df.
# Run from this folder: Rscript group-means-difference.R > group-means-difference.json
suppressPackageStartupMessages({ library(clubSandwich); library(sandwich); library(jsonlite) })
r <- read.csv("../../../../../data/respondents.csv")
score <- function(w) {
  items <- sprintf("eng_%02d_%s", 1:10, w)
  m <- as.matrix(r[, items]); m[, c(6, 8)] <- 6 - m[, c(6, 8)]
  ok <- rowSums(!is.na(m)) >= 5; ifelse(ok, rowMeans(m, na.rm = TRUE), NA)
}
d <- data.frame(company = r$company, treat = as.integer(r$cross_boundary == "true" | r$cross_boundary == "TRUE" | r$cross_boundary == 1), pre = score("pre"), post = score("post"))
d <- d[complete.cases(d), ]
d$size <- ave(rep(1, nrow(d)), d$company, FUN = sum)
d$wc <- 1 / ave(rep(1, nrow(d)), d$company, d$treat, FUN = sum)
cr2 <- function(f) {
  v <- vcovCR(f, cluster = d$company, type = "CR2")
  ct <- coef_test(f, vcov = v, test = "Satterthwaite")
  ci <- conf_int(f, vcov = v, test = "Satterthwaite", level = 0.95)
  list(estimate = unname(coef(f)[2]), stdError = ct$SE[2], df = ct$df_Satt[2], ciLow = ci$CI_L[2], ciHigh = ci$CI_U[2], pValue = ct$p_Satt[2])
}
out <- list()
for (wave in c("pre", "post")) {
  d$y <- d[[wave]]
  cm <- function(g) mean(tapply(d$y[d$treat == g], d$company[d$treat == g], mean))
  f <- lm(y ~ treat, data = d)
  se <- sqrt(diag(vcovHC(f, type = "HC1")))[2]
  q <- qt(0.975, nrow(d) - 2)
  out[[wave]] <- list(
    n = nrow(d),
    person = cr2(f), company = cr2(lm(y ~ treat, data = d, weights = wc)), headcount = cr2(lm(y ~ treat, data = d, weights = size)),
    differenceOfMeansOfCompanyMeans = cm(1) - cm(0),
    hc1 = list(estimate = unname(coef(f)[2]), stdError = unname(se), df = nrow(d) - 2, ciLow = unname(coef(f)[2] - q * se), ciHigh = unname(coef(f)[2] + q * se),
               pValue = unname(2 * pt(-abs(coef(f)[2] / se), nrow(d) - 2))))
}
out$r_version <- R.version.string
out$clubSandwich <- as.character(packageVersion("clubSandwich"))
cat(toJSON(out, auto_unbox = TRUE, digits = 15, pretty = TRUE))
