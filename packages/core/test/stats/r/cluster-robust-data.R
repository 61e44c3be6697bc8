# Generates cluster-robust.csv (committed): 25 companies of very unequal size (the four largest
# hold about 46% of the rows), a covariate, a segment, weights, a treatment and pre/post scores.
# Run once: Rscript cluster-robust-data.R
set.seed(20261130)
G <- 25
size <- c(120, 110, 100, 95, rep(c(50, 38, 28, 22, 16, 12, 10, 8, 6), length.out = 21))
size <- c(size[1:4], sort(size[5:25], decreasing = TRUE))
company <- rep(sprintf("c%02d", 1:G), times = size)
n <- length(company)
g <- rep(1:G, times = size)
u <- rnorm(G, 0, 0.5)[g]
zc <- round(rnorm(G)[g], 3)
x1 <- round(rnorm(n) + 0.4 * rnorm(G)[g], 3)
x2 <- round(runif(n, 20, 60))
seg <- sample(c("a", "b", "c"), n, replace = TRUE, prob = c(0.5, 0.3, 0.2))
w <- round(runif(n, 0.5, 2.5), 2)
treat <- as.integer(runif(n) < plogis(-0.5 + 0.6 * rnorm(G)[g]))
pre <- round(3 + u + 0.3 * x1 + rnorm(n, 0, 0.8), 3)
post <- round(pre + 0.15 + 0.2 * treat + 0.3 * rnorm(G)[g] + 0.2 * treat * rnorm(G)[g] + rnorm(n, 0, 0.6), 3)
y <- round(1 + 0.5 * x1 + 0.02 * x2 + 0.3 * (seg == "b") + u + rnorm(n) * (1 + 0.5 * (g %% 3)), 3)
y <- round(y + 0.28 * zc, 3)
d <- data.frame(company, zc, x1, x2, seg, w, treat, pre, post, y)
write.csv(d, "cluster-robust.csv", row.names = FALSE, quote = FALSE)
cat("rows", n, "share of 4 largest", sum(size[1:4]) / n, "\n")
