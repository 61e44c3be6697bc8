# Oracle for compareOutcomeWaves (issue 14, findings 1 and 7/2): McNemar on the "effective"
# indicator of the same rating (company x generation x step x initiative) in waves 1 and 2, both
# discordant directions counted ("not practised -> effective" too); exact p as binom.test, the
# chi-square with continuity correction as mcnemar.test; Benjamini-Hochberg across initiatives.
# Then the control comparison: change in "effective" (wave 2 - wave 1) of recommended
# (cell, initiative) ratings minus that of the others, OLS with company clusters
# (CR1 as sandwich::vcovCL HC1, and CR2 + Satterthwaite as clubSandwich).
# Run: Rscript initiatives-waves.R > initiatives-waves.out.txt   (from this folder)
suppressMessages({ library(jsonlite); library(sandwich); library(clubSandwich) })
d <- read.csv("../../../../../data/initiative_ratings.csv", fileEncoding = "UTF-8-BOM", stringsAsFactors = FALSE)
names(d) <- c("company", "wave", "generation", "step", "initiative", "effective", "outcome", "reason_code", "reason")
gen <- c("若手" = "young", "中堅" = "mid", "シニア" = "senior")
stp <- c("知る" = "know", "理解を深める" = "understand", "さらに理解を深める" = "deepen", "実践を支援する" = "practice")
d$cell <- paste(gen[d$generation], stp[d$step], sep = "|")
d$eff <- as.integer(d$outcome == "実践して効果が出た")
w1 <- d[d$wave == 1, c("company", "cell", "initiative", "eff", "outcome")]
w2 <- d[d$wave == 2, c("company", "cell", "initiative", "eff", "outcome")]
names(w1)[5] <- names(w2)[5] <- "out"
p <- merge(w1, w2, by = c("company", "cell", "initiative"), suffixes = c("1", "2"))
out <- do.call(rbind, lapply(sort(unique(p$initiative)), function(i) {
  x <- p[p$initiative == i, ]
  tab <- table(factor(x$eff1, 0:1), factor(x$eff2, 0:1))
  b <- tab["1", "0"]; c <- tab["0", "1"]
  exact <- if (b + c > 0) binom.test(c, b + c)$p.value else NA
  chisq <- if (b + c > 0) suppressWarnings(mcnemar.test(tab)$p.value) else NA
  pr <- table(factor(x$out1 != "実践しなかった", c(FALSE, TRUE)), factor(x$out2 != "実践しなかった", c(FALSE, TRUE)))
  dropped <- pr["TRUE", "FALSE"]; takenUp <- pr["FALSE", "TRUE"]
  practised <- if (dropped + takenUp > 0) binom.test(takenUp, dropped + takenUp)$p.value else NA
  data.frame(initiative = i, pairs = nrow(x), lost = b, gained = c, exact = exact, chisq = chisq, dropped = dropped, takenUp = takenUp, practised = practised)
}))
# One family: every p-value the comparison shows (practised and effective, all initiatives).
all <- c(out$practised, out$exact)
out$practisedBH <- p.adjust(all, "BH")[seq_len(nrow(out))]
out$exactBH <- p.adjust(all, "BH")[nrow(out) + seq_len(nrow(out))]
out$exactHolm <- p.adjust(all, "holm")[nrow(out) + seq_len(nrow(out))]
options(width = 250)
cat("## McNemar on the effective indicator per initiative (exact = binom.test, chisq = mcnemar.test)\n")
print(format(out, digits = 6), row.names = FALSE)

rec <- fromJSON("../../../../../data/truth.json")$initiatives$cells
ja <- c(one_on_one = "キャリア1on1", career_training = "キャリア研修", business_introductions = "事業紹介", career_sheet_dialogue = "キャリアシート面談",
  e_learning = "e-ラーニング", inhouse_instructors = "社内講師", cross_boundary_internal = "社内越境", cross_boundary_external = "社外越境",
  job_posting = "社内公募", mentoring = "メンター制度", hr_system_reform = "人事制度改革", mandatory_training = "強制的な研修",
  career_consultation = "キャリア相談窓口", self_assessment = "キャリア自己診断", side_jobs = "副業・兼業", study_groups = "有志の勉強会")
recKeys <- unlist(lapply(names(rec), function(cell) paste(cell, ja[rec[[cell]]$trueTop3], sep = "#")))
p$recommended <- as.integer(paste(p$cell, p$initiative, sep = "#") %in% recKeys)
p$change <- p$eff2 - p$eff1
fit <- lm(change ~ recommended, data = p)
cat("\n## DiD across initiatives: change ~ recommended (recommended = each cell's trueTop3), companies as clusters\n")
cat("pairs", nrow(p), "recommended", sum(p$recommended), "companies", length(unique(p$company)), "\n")
cat("estimate", format(coef(fit)[2], digits = 10), "\n")
cat("CR1 se (vcovCL HC1)", format(sqrt(vcovCL(fit, cluster = ~company, type = "HC1")[2, 2]), digits = 10), "\n")
ct <- coef_test(fit, vcov = "CR2", cluster = p$company, test = "Satterthwaite")
cat("CR2 se", format(ct$SE[2], digits = 10), "Satterthwaite df", format(ct$df_Satt[2], digits = 10), "p", format(ct$p_Satt[2], digits = 10), "\n")
did <- list(pairs = nrow(p), recommended = sum(p$recommended), estimate = unname(coef(fit)[2]),
  cr1se = sqrt(vcovCL(fit, cluster = ~company, type = "HC1")[2, 2]), cr2se = ct$SE[2], df = ct$df_Satt[2], perInitiative = list())
cat("\n## per recommended initiative: its recommended ratings vs every non-recommended rating\n")
for (i in sort(unique(p$initiative[p$recommended == 1]))) {
  s <- p[p$recommended == 0 | p$initiative == i, ]
  s$me <- as.integer(s$recommended == 1)
  f <- lm(change ~ me, data = s)
  c2 <- coef_test(f, vcov = "CR2", cluster = s$company, test = "Satterthwaite")
  cat(i, "n", sum(s$me), "estimate", format(coef(f)[2], digits = 10), "CR1se", format(sqrt(vcovCL(f, cluster = ~company, type = "HC1")[2, 2]), digits = 10),
    "CR2se", format(c2$SE[2], digits = 10), "df", format(c2$df_Satt[2], digits = 10), "\n")
  did$perInitiative[[i]] <- list(n = sum(s$me), estimate = unname(coef(f)[2]), cr1se = sqrt(vcovCL(f, cluster = ~company, type = "HC1")[2, 2]), cr2se = c2$SE[2], df = c2$df_Satt[2])
}
write(toJSON(list(mcnemar = out, did = did), digits = NA, auto_unbox = TRUE, pretty = TRUE), "initiatives-waves.json")
