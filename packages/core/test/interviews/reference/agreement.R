# Agreement between coders on agreement-codings.csv (one row per code a coder gave a unit; a blank
# code = "coded, no code"), per code and pooled over unit x code decisions, computed from the
# textbook formulas in base R (irr is not packaged for this machine's R; the formulas below are
# those irr::kappa2, irr::kappam.fleiss and irr::kripp.alpha implement, and psych::cohen.kappa
# confirms Cohen's kappa independently).
# Run: Rscript agreement.R > agreement.json
suppressPackageStartupMessages({ library(jsonlite); library(psych) })
d <- read.csv("agreement-codings.csv", colClasses = "character")
codes <- c("career", "manager", "chance", "other") # "other": a code nobody gave

# units x coders matrix of one code: 1 given, 0 coded without it, NA not coded
ratings <- function(d, code, coders) {
  units <- unique(d$unit)
  units <- units[order(as.integer(sub("u", "", units)))]
  m <- matrix(NA_real_, length(units), length(coders), dimnames = list(units, coders))
  for (k in coders) {
    s <- d[d$coder == k, ]
    m[units %in% s$unit, k] <- 0
    m[units %in% s$unit[s$code == code], k] <- 1
  }
  m[rowSums(!is.na(m)) >= 2, , drop = FALSE] # units coded by two or more coders
}

percent <- function(m) mean(apply(m, 1, function(r) length(unique(r[!is.na(r)])) == 1))
pairwise <- function(m) {
  p <- combn(ncol(m), 2)
  mean(apply(p, 2, function(ij) { both <- !is.na(m[, ij[1]]) & !is.na(m[, ij[2]]); mean(m[both, ij[1]] == m[both, ij[2]]) }))
}
cohen <- function(a, b) { # Cohen (1960): (po - pe) / (1 - pe); asymptotic variance of Fleiss, Cohen & Everitt (1969)
  n <- length(a); lev <- c(0, 1)
  p <- table(factor(a, lev), factor(b, lev)) / n
  po <- sum(diag(p)); r <- rowSums(p); c <- colSums(p); pe <- sum(r * c)
  k <- (po - pe) / (1 - pe)
  v <- 0
  for (i in 1:2) v <- v + p[i, i] * (1 - (r[i] + c[i]) * (1 - k))^2
  for (i in 1:2) for (j in 1:2) if (i != j) v <- v + (1 - k)^2 * p[i, j] * (c[i] + r[j])^2
  se <- sqrt((v - (k - pe * (1 - k))^2) / (n * (1 - pe)^2))
  list(kappa = k, se = se, ci_low = k - qnorm(0.975) * se, ci_high = k + qnorm(0.975) * se)
}
fleiss <- function(m) { # Fleiss (1971) on the units rated by every coder
  m <- m[complete.cases(m), , drop = FALSE]
  n <- nrow(m); r <- ncol(m)
  nij <- cbind(rowSums(m == 0), rowSums(m == 1))
  P <- mean((rowSums(nij^2) - r) / (r * (r - 1)))
  pj <- colSums(nij) / (n * r)
  pe <- sum(pj^2)
  list(kappa = (P - pe) / (1 - pe), units = n)
}
kripp <- function(m) { # Krippendorff (2011), nominal: coincidence matrix over pairable values
  o <- matrix(0, 2, 2)
  for (u in seq_len(nrow(m))) {
    v <- m[u, !is.na(m[u, ])]; mu <- length(v)
    if (mu < 2) next
    for (a in seq_len(mu)) for (b in seq_len(mu)) if (a != b) o[v[a] + 1, v[b] + 1] <- o[v[a] + 1, v[b] + 1] + 1 / (mu - 1)
  }
  nc <- rowSums(o); n <- sum(nc)
  Do <- (o[1, 2] + o[2, 1]) / n
  De <- 2 * nc[1] * nc[2] / (n * (n - 1))
  1 - Do / De
}
undefined_if_constant <- function(m, f) if (length(unique(m[!is.na(m)])) < 2) NULL else f(m)

report <- function(coders) {
  per <- lapply(codes, function(code) {
    m <- ratings(d, code, coders)
    out <- list(code = code, units = nrow(m), units_all_coders = sum(complete.cases(m)), times_given = sum(m, na.rm = TRUE),
                percent_agreement = percent(m), pairwise_agreement = pairwise(m))
    out$fleiss_kappa <- undefined_if_constant(m, function(m) fleiss(m)$kappa)
    out$krippendorff_alpha <- undefined_if_constant(m, kripp)
    if (length(coders) == 2) {
      both <- m[complete.cases(m), ]
      k <- undefined_if_constant(m, function(m) cohen(both[, 1], both[, 2]))
      if (!is.null(k)) {
        out$cohen_kappa <- k$kappa; out$cohen_ci_low <- k$ci_low; out$cohen_ci_high <- k$ci_high
        out$psych_cohen_kappa <- psych::cohen.kappa(cbind(both[, 1], both[, 2]))$kappa
      }
    }
    out
  })
  pooled <- do.call(rbind, lapply(codes, function(code) ratings(d, code, coders)))
  all <- list(units = nrow(pooled), percent_agreement = percent(pooled), pairwise_agreement = pairwise(pooled),
              fleiss_kappa = fleiss(pooled)$kappa, krippendorff_alpha = kripp(pooled))
  if (length(coders) == 2) { both <- pooled[complete.cases(pooled), ]; all$cohen_kappa <- cohen(both[, 1], both[, 2])$kappa }
  list(coders = coders, codes = per, pooled = all)
}

cat(toJSON(list(
  call = "base-R formulas of Cohen (1960), Fleiss (1971), Krippendorff (2011, nominal); psych::cohen.kappa as a check",
  r_version = R.version.string,
  psych_version = as.character(packageVersion("psych")),
  three_coders = report(c("A", "B", "C")),
  two_coders = report(c("A", "B"))
), auto_unbox = TRUE, digits = 15, pretty = TRUE, null = "null"))
cat("\n")
