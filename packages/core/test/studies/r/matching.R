# Reference for estimateEffect(method = "matching") on MatchIt's lalonde: the propensity score from
# glm(logit), then an independent greedy 1:1 nearest-neighbour match without replacement written
# here (treated from the highest score down, nearest unmatched control by |score difference|,
# ties to the lowest row) — because Debian 12's MatchIt 4.5.1 matches wrongly (see the shared
# reference README). The effect: lm(re78 ~ treat) on the matched rows, vcovCL(cluster = ~pair, HC1).
# Run: Rscript matching.R > matching.json
suppressPackageStartupMessages({ library(sandwich); library(lmtest); library(jsonlite); library(MatchIt) })
data("lalonde", package = "MatchIt")
ps <- fitted(glm(treat ~ age + educ + race + married + nodegree + re74 + re75, data = lalonde, family = binomial))
greedy <- function(caliper = Inf) {
  tr <- which(lalonde$treat == 1); co <- which(lalonde$treat == 0)
  tr <- tr[order(-ps[tr], tr)]
  limit <- if (is.finite(caliper)) caliper * sd(ps) else Inf
  avail <- rep(TRUE, length(co)); pairs <- NULL
  for (i in tr) {
    d <- abs(ps[co] - ps[i]); d[!avail] <- Inf
    if (all(!is.finite(d))) break
    best <- which(d == min(d)); best <- best[which.min(co[best])]
    if (d[best] > limit) next
    pairs <- rbind(pairs, c(i, co[best])); avail[best] <- FALSE
  }
  pairs
}
effect <- function(pairs) {
  m <- data.frame(re78 = lalonde$re78[c(pairs)], treat = lalonde$treat[c(pairs)], pair = rep(seq_len(nrow(pairs)), 2))
  fit <- lm(re78 ~ treat, data = m); v <- vcovCL(fit, cluster = ~pair, type = "HC1")
  list(estimate = unname(coef(fit)["treat"]), stdError = sqrt(v["treat", "treat"]), pairs = nrow(pairs), treated = pairs[, 1] - 1, controls = pairs[, 2] - 1)
}
mi <- matchit(treat ~ age + educ + race + married + nodegree + re74 + re75, data = lalonde, method = "nearest")
out <- list(
  call = "independent greedy NN 1:1 on glm propensity scores (0-based row indices)",
  no_caliper = effect(greedy()),
  caliper_0.2 = effect(greedy(0.2)),
  # Whether this machine's MatchIt picks the same controls (4.5.1 is known not to).
  matchit_same_controls = setequal(mi$match.matrix[, 1], rownames(lalonde)[greedy()[, 2]]),
  r_version = R.version.string, matchit = as.character(packageVersion("MatchIt")))
cat(toJSON(out, auto_unbox = TRUE, digits = 15))
