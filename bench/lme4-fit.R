# Fits a pupils CSV with lme4 for bench/value-added.bench.ts and prints the time and the estimates.
# Usage: Rscript lme4-fit.R FILE.csv intercept|slope
suppressPackageStartupMessages(library(lme4))
args <- commandArgs(trailingOnly = TRUE)
read_time <- system.time(data <- read.csv(args[1], colClasses = c(school_code = "character")))[["elapsed"]]
covariates <- setdiff(names(data), c("school_code", "outcome"))
random <- if (args[2] == "slope") "(1 + prior_attainment | school_code)" else "(1 | school_code)"
formula <- as.formula(paste("outcome ~", paste(covariates, collapse = " + "), "+", random))
fit_time <- system.time(fit <- lmer(formula, data = data, REML = TRUE))[["elapsed"]]
vc <- as.data.frame(VarCorr(fit))
cat(sprintf("time,read,%.3f\ntime,fit,%.3f\n", read_time, fit_time))
cat(sprintf("fixed,%s,%.15g\n", names(fixef(fit)), fixef(fit)), sep = "")
cat(sprintf("se,%s,%.15g\n", names(fixef(fit)), sqrt(diag(as.matrix(vcov(fit))))), sep = "")
cat(sprintf("variance,%s,%.15g\n", ifelse(is.na(vc$var2), ifelse(is.na(vc$var1), vc$grp, vc$var1), "covariance"), vc$vcov), sep = "")
cat(sprintf("logLik,,%.15g\n", as.numeric(logLik(fit))))
