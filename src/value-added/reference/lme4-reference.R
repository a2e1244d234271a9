# Fits the reference files with R's lme4 and writes every figure Headway is compared with.
# Run from this folder: Rscript lme4-reference.R   (Debian: apt-get install -y r-base-core r-cran-lme4)
# Tolerances are tightened so lme4's optimiser converges well past the 6 significant figures compared.
suppressPackageStartupMessages(library(lme4))
control <- lmerControl(optimizer = "nloptwrap",
                       optCtrl = list(xtol_abs = 1e-14, ftol_abs = 1e-15, xtol_rel = 1e-14, ftol_rel = 1e-15, maxeval = 1e5))

# The intraclass correlation and its 95% interval, computed independently of Headway from lme4's own
# deviance function of theta (devFunOnly = TRUE). Random intercept: ICC = theta^2 / (1 + theta^2), the
# interval where the deviance is within qchisq(0.95, 1) of its minimum, found by uniroot (0 at the
# bottom when the deviance at theta = 0 is within it). Random slope: at the slope covariate's mean m,
# rho = (theta1 + m theta2)^2 + (m theta3)^2, ICC = rho / (1 + rho), and a Wald interval for log(rho)
# from the deviance's Hessian by numDeriv (Richardson extrapolation; covariance of theta = 2 H^-1).
icc <- function(fit, formula, data, reml) {
  devfun <- lmer(formula, data = data, REML = reml, control = control, devFunOnly = TRUE)
  theta <- unname(getME(fit, "theta"))
  if (length(theta) == 1) {
    bound <- devfun(theta) + qchisq(0.95, 1)
    excess <- function(t) devfun(t) - bound
    lower <- if (theta > 0 && excess(0) > 0) uniroot(excess, c(0, theta), tol = 1e-13)$root else 0
    far <- max(2 * theta, 0.05)
    while (excess(far) <= 0) far <- 2 * far
    upper <- uniroot(excess, c(theta, far), tol = 1e-13)$root
    return(c(estimate = theta^2 / (1 + theta^2), lower = lower^2 / (1 + lower^2), upper = upper^2 / (1 + upper^2)))
  }
  m <- mean(data$prior_attainment)
  rho <- (theta[1] + m * theta[2])^2 + (m * theta[3])^2
  hessian <- numDeriv::hessian(devfun, theta)
  gradient <- c(2 * (theta[1] + m * theta[2]), 2 * m * (theta[1] + m * theta[2]), 2 * m^2 * theta[3]) / rho
  se <- sqrt(2 * drop(t(gradient) %*% solve(hessian, gradient)))
  expit <- function(x) 1 / (1 + exp(-x))
  c(estimate = rho / (1 + rho), lower = expit(log(rho) - qnorm(0.975) * se), upper = expit(log(rho) + qnorm(0.975) * se))
}

reference <- function(data, formula, reml, out, with_icc = FALSE) {
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
    if (with_icc) data.frame(quantity = "icc", name = c("estimate", "lower", "upper"), value = unname(icc(fit, formula, data, reml))),
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

# Two stages with all-through schools (stages.csv): each stage on its own, by REML and ML, as the null
# model, with covariates, and with a random prior-attainment slope; every file carries the ICC.
stages <- read.csv("stages.csv", colClasses = c(pupil_id = "character", school_code = "character"))
null <- outcome ~ 1 + (1 | school_code)
for (stage in c("KS2", "KS4")) {
  data <- stages[stages$stage == stage, ]
  for (reml in c(TRUE, FALSE)) {
    method <- if (reml) "reml" else "ml"
    reference(data, null, reml, sprintf("%s-null-%s.lme4.csv", stage, method), with_icc = TRUE)
    reference(data, ri, reml, sprintf("%s-covariates-%s.lme4.csv", stage, method), with_icc = TRUE)
    reference(data, rs, reml, sprintf("%s-slope-%s.lme4.csv", stage, method), with_icc = TRUE)
  }
}
