# Reference for balanceTable(): MatchIt's balance summary before adjustment (sum.all) on lalonde.
# Run: Rscript balance.R > balance.json (writes lalonde.csv beside it).
suppressPackageStartupMessages({ library(MatchIt); library(jsonlite) })
data("lalonde", package = "MatchIt")
write.csv(lalonde, "lalonde.csv", row.names = FALSE)
m <- matchit(treat ~ age + educ + race + married + nodegree + re74 + re75, data = lalonde, method = NULL, distance = "glm")
s <- summary(m)$sum.all
out <- list(call = "summary(matchit(treat ~ age + educ + race + married + nodegree + re74 + re75, lalonde, method = NULL))$sum.all",
  rows = lapply(rownames(s), function(r) list(term = r, meanTreated = s[r, "Means Treated"], meanControl = s[r, "Means Control"], smd = s[r, "Std. Mean Diff."], varianceRatio = if (is.na(s[r, "Var. Ratio"])) NULL else s[r, "Var. Ratio"])),
  matchit = as.character(packageVersion("MatchIt")), r_version = R.version.string)
cat(toJSON(out, auto_unbox = TRUE, digits = 15, pretty = TRUE, null = "null"))
