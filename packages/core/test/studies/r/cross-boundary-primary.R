# Reference for crossBoundaryReport's primary estimate and its companions, on the bundled data
# (scores: mean of the answered items, reverse keys as min + max − x, at least half answered),
# all clustered by company with clubSandwich CR2 + Satterthwaite df:
#   ancova: lm(post ~ treat + pre); the slope of pre; ANCOVA − DiD = (1 − slope) × gap
#   ancova-reliability (Porter 1967): pre* = group mean + rel × (pre − group mean) within treat
#     groups, lm(post ~ treat + pre*); rel = Cronbach's alpha of the pre items as koe's
#     scoreScales gives it (an input here, copied below; koe's alpha is checked elsewhere)
#   contrasts: lm(post − pre ~ treat + second) and lm(post ~ treat + second + pre) on the
#     non-participants and the participants of two kinds, second = 1 for the second kind
#   the pooled baseline SD √((s²_T + s²_C)/2) of the pre score (the SD unit)
# Run from this folder: Rscript cross-boundary-primary.R > cross-boundary-primary.json
suppressPackageStartupMessages({ library(clubSandwich); library(jsonlite) })
r <- read.csv("../../../../../data/respondents.csv")
reliability <- c(engagement = 0.96110100893683725, innovation = 0.92521429605922378)
score <- function(prefix, n, reverse, w) {
  items <- sprintf("%s_%02d_%s", prefix, 1:n, w)
  m <- as.matrix(r[, items]); m[, reverse] <- 6 - m[, reverse]
  ok <- rowSums(!is.na(m)) >= n / 2; ifelse(ok, rowMeans(m, na.rm = TRUE), NA)
}
scales <- list(engagement = list("eng", 10, c(6, 8)), innovation = list("inn", 6, c(3, 6)))
cr2 <- function(f, d, term) {
  v <- vcovCR(f, cluster = d$company, type = "CR2")
  ct <- coef_test(f, vcov = v, test = "Satterthwaite")
  ci <- conf_int(f, vcov = v, test = "Satterthwaite", level = 0.95)
  i <- which(names(coef(f)) == term)
  list(estimate = unname(coef(f)[i]), stdError = ct$SE[i], df = ct$df_Satt[i], pValue = ct$p_Satt[i], ciLow = ci$CI_L[i], ciHigh = ci$CI_U[i])
}
out <- list()
for (s in names(scales)) {
  a <- scales[[s]]
  d <- data.frame(company = r$company, treat = r$cross_boundary, kind = r$cb_kind, selection = r$cb_selection,
                  pre = score(a[[1]], a[[2]], a[[3]], "pre"), post = score(a[[1]], a[[2]], a[[3]], "post"))
  d <- d[!is.na(d$pre) & !is.na(d$post), ]
  an <- lm(post ~ treat + pre, data = d)
  gm <- ave(d$pre, d$treat)
  d$preStar <- gm + reliability[[s]] * (d$pre - gm)
  porter <- lm(post ~ treat + preStar, data = d)
  gap <- mean(d$pre[d$treat == 1]) - mean(d$pre[d$treat == 0])
  contrast <- function(col, first, second) {
    k <- d[d$treat == 0 | d[[col]] %in% c(first, second), ]
    k$second <- as.numeric(k$treat == 1 & k[[col]] %in% second)
    list(did = cr2(lm(I(post - pre) ~ treat + second, data = k), k, "second"), ancova = cr2(lm(post ~ treat + second + pre, data = k), k, "second"))
  }
  out[[s]] <- list(
    n = nrow(d), ancova = cr2(an, d, "treat"), slope = unname(coef(an)["pre"]), gap = gap,
    did = unname(coef(lm(I(post - pre) ~ treat, data = d))["treat"]),
    porter = cr2(porter, d, "treat"),
    sdUnit = sqrt((var(d$pre[d$treat == 1]) + var(d$pre[d$treat == 0])) / 2),
    externalMinusInternal = contrast("kind", "internal", "external"),
    appointedMinusSelfNominated = contrast("selection", "self_nominated", "appointed"))
}
out$r_version <- R.version.string
out$clubSandwich <- as.character(packageVersion("clubSandwich"))
cat(toJSON(out, auto_unbox = TRUE, digits = 15, pretty = TRUE))
