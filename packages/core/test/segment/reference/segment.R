# Reference values for the segment tests (packages/core/test/segment/*.test.ts).
# Run from this folder: Rscript segment.R > segment.json   (R 4.2.2, jsonlite 1.8.4)
# It writes segment-cases.csv (600 made-up respondents, seeded) and, from that file alone, computes
# what koe must reproduce: the layer and immobile sub-type by the default rules (written out again
# here, independently of koe's code), the layer distribution's chi-square test, adjusted residuals
# and Wilson intervals, the transition matrix with its row shares, net flow and moved-back share,
# and mean scores with t intervals.
library(jsonlite)
set.seed(20261130)
n <- 600
layers <- c("traditional", "interested", "practising")
true_layer <- sample(layers, n, replace = TRUE, prob = c(0.35, 0.45, 0.20))
mu <- list(traditional = c(aware = 2, action = 1.8, trad = 3.9), interested = c(3.3, 2.3, 2.7), practising = c(4, 3.7, 2.2))
item <- function(m) { x <- pmin(5, pmax(1, round(m + rnorm(length(m), 0, 0.9)))); x[runif(length(m)) < 0.05] <- NA; x }
d <- data.frame(respondent_id = sprintf("S%03d", 1:n),
                company = sample(c("K1", "K2", "K3", "K4", "K5", "K6"), n, replace = TRUE, prob = c(0.25, 0.22, 0.2, 0.18, 0.13, 0.02)),
                generation = sample(c("young", "mid", "senior"), n, replace = TRUE, prob = c(0.3, 0.4, 0.3)),
                stringsAsFactors = FALSE)
m <- t(sapply(true_layer, function(l) mu[[l]]))
for (w in c("pre", "post")) {
  for (k in 1:3) d[[sprintf("aware_%02d_%s", k, w)]] <- item(m[, 1])
  for (k in 1:3) d[[sprintf("action_%02d_%s", k, w)]] <- item(m[, 2])
  d[[paste0("trad_view_", w)]] <- item(m[, 3])
}
imm <- ifelse(true_layer == "traditional", sample(1:3, n, replace = TRUE), 0)
for (k in 1:3) d[[c("imm_unaware", "imm_never", "imm_gave_up")[k]]] <- item(ifelse(imm == k, 4.3, 2.6))
# The true layers at two waves (for the distribution and transition checks): a few blank or unclassified.
move <- function(l) sample(layers, 1, prob = list(traditional = c(0.8, 0.15, 0.05), interested = c(0.07, 0.78, 0.15), practising = c(0.04, 0.1, 0.86))[[l]])
d$layer <- true_layer
d$layer_post <- sapply(true_layer, move)
d$layer[c(7, 99)] <- c("", "unclassified")
d$layer_post[c(13, 99, 250)] <- c("unclassified", "", "")
d$engagement_pre <- round(ifelse(true_layer == "traditional", 2.6, ifelse(true_layer == "interested", 3.1, 3.6)) + rnorm(n, 0, 0.6), 2)
d$engagement_pre[sample(n, 20)] <- NA
write.csv(d, "segment-cases.csv", row.names = FALSE, na = "")

# --- from here on, only the file is used ---
d <- read.csv("segment-cases.csv", na.strings = "", stringsAsFactors = FALSE)
score <- function(cols) { x <- as.matrix(d[, cols]); k <- rowSums(!is.na(x)); ifelse(k >= 2, rowSums(x, na.rm = TRUE) / pmax(k, 1), NA) }
eps <- 1e-9
rule_layer <- function(w) {
  A <- score(sprintf("aware_%02d_%s", 1:3, w)); C <- score(sprintf("action_%02d_%s", 1:3, w)); T <- d[[paste0("trad_view_", w)]]
  prac <- A >= 3.5 - eps & C >= 3 - eps
  trad <- T >= 3 - eps & A < 3 - eps
  out <- ifelse(prac & T >= 4 - eps, "unclassified", ifelse(prac & trad, "unclassified", ifelse(trad, "traditional", ifelse(prac, "practising", "interested"))))
  out[is.na(A) | is.na(C) | is.na(T)] <- "unclassified"
  list(layer = out, awareness = A, action = C)
}
pre <- rule_layer("pre"); post <- rule_layer("post")
I <- as.matrix(d[, c("imm_unaware", "imm_never", "imm_gave_up")])
subtype <- sapply(1:n, function(i) {
  if (pre$layer[i] == "unclassified") return("unclassified")
  if (pre$layer[i] != "traditional") return("not_immobile")
  x <- I[i, ]; if (any(is.na(x))) return("unclassified")
  top <- max(x); if (top < 4) return("not_immobile")
  best <- which(x == top); if (length(best) > 1) "unclassified" else c("unaware", "never_positive", "gave_up")[best]
})
wilson <- function(x, n) if (n == 0) c(NA, NA) else as.numeric(prop.test(x, n, correct = FALSE)$conf.int)

# Layer distribution by generation (true layer; blank and unclassified left out).
keep <- d$layer %in% layers
tab <- table(factor(d$generation[keep], levels = c("young", "mid", "senior")), factor(d$layer[keep], levels = layers))
ct <- chisq.test(tab)
dist <- lapply(rownames(tab), function(g) lapply(layers, function(l) { x <- tab[g, l]; s <- sum(tab[g, ]); ci <- wilson(x, s); list(generation = g, layer = l, n = x, share = x / s, share_low = ci[1], share_high = ci[2], segment_n = s, residual = ct$stdres[g, l]) }))
overall <- lapply(layers, function(l) { x <- sum(tab[, l]); ci <- wilson(x, sum(tab)); list(layer = l, n = x, share = x / sum(tab), share_low = ci[1], share_high = ci[2]) })

# Transitions (true layers at both waves).
both <- d$layer %in% layers & d$layer_post %in% layers
tr <- table(factor(d$layer[both], levels = layers), factor(d$layer_post[both], levels = layers))
cells <- unlist(lapply(layers, function(b) lapply(layers, function(a) { x <- tr[b, a]; s <- sum(tr[b, ]); ci <- wilson(x, s); list(before = b, after = a, n = x, share = x / s, share_low = ci[1], share_high = ci[2], row_n = s) })), recursive = FALSE)
N <- sum(tr); up <- tr[1, 2] + tr[1, 3] + tr[2, 3]; down <- tr[2, 1] + tr[3, 1] + tr[3, 2]
nf <- (up - down) / N; se <- sqrt(((up + down) / N - nf^2) / N)  # Agresti (2013) 10.1.1: var of p12 - p21
could <- N - sum(tr[1, ]); back <- wilson(down, could)
movement <- list(n = N, stayed = sum(diag(tr)), moved_up = up, moved_down = down, net_flow = nf, net_flow_low = nf - qnorm(0.975) * se, net_flow_high = nf + qnorm(0.975) * se,
                 could_move_back = could, share_back = down / could, share_back_low = back[1], share_back_high = back[2])

# Mean engagement by generation x true layer, t interval.
means <- unlist(lapply(c("young", "mid", "senior"), function(g) lapply(layers, function(l) {
  x <- d$engagement_pre[keep & d$generation == g & d$layer == l]; x <- x[!is.na(x)]
  tt <- t.test(x); list(generation = g, layer = l, mean = mean(x), mean_low = tt$conf.int[1], mean_high = tt$conf.int[2])
})), recursive = FALSE)

out <- list(
  rules = list(layer_pre = pre$layer, layer_post = post$layer, awareness_pre = pre$awareness, action_pre = pre$action, immobile_subtype = subtype),
  distribution = list(call = "chisq.test(table(generation, layer))", statistic = unname(ct$statistic), df = unname(ct$parameter), p_value = ct$p.value,
                      cramers_v = sqrt(unname(ct$statistic) / (sum(tab) * (min(dim(tab)) - 1))), n = sum(tab), rows = unlist(dist, recursive = FALSE), overall = overall),
  transitions = list(call = "table(layer, layer_post)", cells = cells, movement = movement),
  means = list(call = "t.test(engagement_pre[generation == g & layer == l])$conf.int", rows = means)
)
cat(toJSON(out, auto_unbox = TRUE, digits = 15, pretty = TRUE, na = "null"), "\n")
