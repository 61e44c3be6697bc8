# Reference values for codeFrequencies (packages/core/test/interviews/frequencies.test.ts).
# Run from this folder: Rscript frequencies.R > frequencies.json   (R 4.2.2, jsonlite)
# Codes are plain terms, so grepl(fixed = TRUE) codes the texts as koe's rules do.
library(jsonlite)
d <- read.csv("frequencies.csv", encoding = "UTF-8", stringsAsFactors = FALSE, na.strings = character(0))
d$group <- factor(d$group, levels = c("K1", "K2", "K3", "K4"))
codes <- list(busy = "忙しい", career = "キャリア", rare = "辞令", never = "存在しない")
wilson <- function(x, n) as.numeric(prop.test(x, n, correct = FALSE)$conf.int)
people <- as.numeric(tapply(d$person, d$group, function(p) length(unique(p))))
texts <- as.numeric(table(d$group))
out <- list(people = people, texts = texts, people_all = length(unique(d$person)), texts_all = nrow(d), codes = list())
p_used <- c()
for (id in names(codes)) {
  has <- grepl(codes[[id]], d$text, fixed = TRUE)
  present <- as.numeric(tapply(has, d$group, sum))
  m <- rbind(present, texts - present)
  res <- list(with_code = present, share = present / texts,
              share_low = sapply(seq_along(texts), function(j) wilson(present[j], texts[j])[1]),
              share_high = sapply(seq_along(texts), function(j) wilson(present[j], texts[j])[2]),
              overall = list(with_code = sum(present), share_low = wilson(sum(present), nrow(d))[1], share_high = wilson(sum(present), nrow(d))[2]))
  if (sum(present) > 0) {
    ct <- suppressWarnings(chisq.test(m))
    res$chisq <- list(call = "chisq.test(rbind(present, texts - present))", statistic = unname(ct$statistic), df = unname(ct$parameter), p_value = ct$p.value,
                      stdres = as.numeric(ct$stdres[1, ]), min_expected = min(ct$expected))
    if (min(ct$expected) < 5) {
      res$fisher <- list(call = "fisher.test(rbind(present, texts - present))", p_value = fisher.test(m)$p.value)
      p_used[id] <- res$fisher$p_value
    } else p_used[id] <- ct$p.value
  }
  out$codes[[id]] <- res
}
out$holm <- as.list(p.adjust(p_used, "holm"))
# A 2 x 8 table with too many tables to enumerate: koe simulates; R's exact network algorithm is the target.
present <- c(2, 3, 1, 3, 2, 1, 6, 3); totals <- c(60, 55, 50, 45, 40, 35, 30, 25)
big <- rbind(present, totals - present)
out$simulated <- list(present = present, totals = totals, call = "fisher.test(big, workspace = 2e8)", p_exact = fisher.test(big, workspace = 2e8)$p.value,
                      p_simulated_r = { set.seed(1); fisher.test(big, simulate.p.value = TRUE, B = 10000)$p.value })
cat(toJSON(out, auto_unbox = TRUE, digits = 15, pretty = TRUE), "\n")
