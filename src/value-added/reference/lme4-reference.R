# Fits the reference files with R's lme4 and writes every figure Headway is compared with.
# Run from this folder: Rscript lme4-reference.R   (Debian: apt-get install -y r-base-core r-cran-lme4)
# Tolerances are tightened so lme4's optimiser converges well past the 6 significant figures compared.
suppressPackageStartupMessages(library(lme4))
control <- lmerControl(optimizer = "nloptwrap",
                       optCtrl = list(xtol_abs = 1e-14, ftol_abs = 1e-15, xtol_rel = 1e-14, ftol_rel = 1e-15, maxeval = 1e5))

reference <- function(data, formula, reml, out) {
  fit <- lmer(formula, data = data, REML = reml, control = control)
  fixed <- fixef(fit)
  se <- sqrt(diag(as.matrix(vcov(fit))))
  vc <- as.data.frame(VarCorr(fit))
  re <- ranef(fit, condVar = TRUE)$school_code
  cv <- attr(re, "postVar")
  rows <- rbind(
    data.frame(quantity = "fixed", name = names(fixed), value = unname(fixed)),
    data.frame(quantity = "se", name = names(se), value = unname(se)),
    data.frame(quantity = "variance", name = ifelse(is.na(vc$var2), ifelse(is.na(vc$var1), vc$grp, vc$var1), "covariance"), value = vc$vcov),
    data.frame(quantity = "logLik", name = "", value = as.numeric(logLik(fit))),
    data.frame(quantity = "effect", name = rownames(re), value = re[, 1]),
    data.frame(quantity = "sd", name = rownames(re), value = sqrt(cv[1, 1, ]))
  )
  if (ncol(re) == 2) rows <- rbind(rows,
    data.frame(quantity = "slope", name = rownames(re), value = re[, 2]),
    data.frame(quantity = "slopeSd", name = rownames(re), value = sqrt(cv[2, 2, ])))
  write.csv(transform(rows, value = sprintf("%.15g", value)), out, row.names = FALSE, quote = TRUE)
}

intercept <- read.csv("intercept.csv", colClasses = c(pupil_id = "character", school_code = "character"))
slope <- read.csv("slope.csv", colClasses = c(pupil_id = "character", school_code = "character"))
ri <- outcome ~ prior_attainment + disadvantaged + sen + eal + (1 | school_code)
rs <- outcome ~ prior_attainment + disadvantaged + sen + eal + (1 + prior_attainment | school_code)
reference(intercept, ri, TRUE, "intercept-reml.lme4.csv")
reference(intercept, ri, FALSE, "intercept-ml.lme4.csv")
reference(slope, rs, TRUE, "slope-reml.lme4.csv")
reference(slope, rs, FALSE, "slope-ml.lme4.csv")
