# Reference values for the group order of koe's two-group tests (welchTest, studentTest,
# mannWhitneyTest): R's t.test(y ~ g) and wilcox.test(y ~ g) with g as logical, 0/1 integer,
# factor with levels c("no", "yes"), character "no"/"yes", and character "B"/"A".
# Run: Rscript group-order.R   (writes group-order.csv and prints the JSON saved as group-order.json)
set.seed(8)
n0 <- 10; n1 <- 14
g <- c(rep(FALSE, n0), rep(TRUE, n1))
y <- round(c(rnorm(n0, 3.2, 0.8), rnorm(n1, 3.9, 1.1)), 3)
# Rows shuffled so that the first row is a TRUE: first appearance must not decide the order.
o <- sample(seq_along(g)); o <- c(o[g[o]][1], o[!(o %in% o[g[o]][1])])
d <- data.frame(y = y[o], g_logical = g[o])
d$g_01 <- as.integer(d$g_logical)
d$g_factor <- factor(ifelse(d$g_logical, "yes", "no"), levels = c("no", "yes"))
d$g_character <- ifelse(d$g_logical, "yes", "no")
d$g_letters <- ifelse(d$g_logical, "A", "B")   # sorted text: "A" (TRUE) first
write.csv(d, "group-order.csv", row.names = FALSE)

num <- function(x) if (is.infinite(x)) (if (x > 0) '"Inf"' else '"-Inf"') else sprintf("%.17g", x)
obj <- function(...) { x <- list(...); paste0("{", paste(sprintf('"%s": %s', names(x), unlist(x)), collapse = ", "), "}") }
str <- function(s) paste0('"', s, '"')
arr <- function(v) paste0("[", paste(v, collapse = ", "), "]")
tt <- function(r) obj(
  estimate = num(unname(r$estimate[1] - r$estimate[2])), statistic = num(unname(r$statistic)), df = num(unname(r$parameter)),
  p_value = num(r$p.value), conf_low = num(r$conf.int[1]), conf_high = num(r$conf.int[2]), std_error = num(r$stderr),
  estimates = arr(sapply(unname(r$estimate), num)), groups = arr(str(sub("^mean in group ", "", names(r$estimate)))))
wt <- function(r) obj(statistic = num(unname(r$statistic)), p_value = num(r$p.value), method = str(r$method))
cases <- sapply(c("g_logical", "g_01", "g_factor", "g_character", "g_letters"), function(col) {
  f <- as.formula(paste("y ~", col))
  obj(column = str(col),
      welch = tt(t.test(f, data = d)),
      student = tt(t.test(f, data = d, var.equal = TRUE)),
      wilcox = wt(wilcox.test(f, data = d)))
})
cat(paste0('{\n  "r_version": ', str(R.version.string), ',\n  "calls": ', str("t.test(y ~ g, data = d); t.test(y ~ g, data = d, var.equal = TRUE); wilcox.test(y ~ g, data = d)"),
  ',\n  "cases": [\n    ', paste(cases, collapse = ",\n    "), "\n  ]\n}\n"))
