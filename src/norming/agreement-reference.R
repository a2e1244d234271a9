# The reference figures for agreement.test.ts, computed by R's psych package (ICC, cohen.kappa) and,
# for Fleiss' kappa, by the formula of Fleiss (1971) written out in R. Run with
#   Rscript src/norming/agreement-reference.R > src/norming/agreement-reference.json
# (Debian: apt-get install r-base-core r-cran-psych). The tests read the JSON, so they need no R.
suppressMessages(library(psych))

# Shrout and Fleiss (1979), Table 2: six targets rated by four judges.
sf <- matrix(c(9, 2, 5, 8, 6, 1, 3, 2, 8, 4, 6, 8, 7, 1, 2, 6, 10, 5, 6, 9, 6, 2, 4, 7), ncol = 4, byrow = TRUE)

# A norming session's criterion: eight cases scored 1-4 by five raters (rater 5 gives 3 to everything,
# rater 2 is harsh), case 8 missing rater 4's score; and the master's scores.
session <- matrix(c(
  3, 2, 3, 3, 3,
  4, 3, 4, 4, 3,
  2, 1, 2, 3, 3,
  1, 1, 2, 1, 3,
  3, 3, 3, 4, 3,
  4, 3, 3, 4, 3,
  2, 2, 2, 2, 3,
  3, 2, 4, NA, 3), ncol = 5, byrow = TRUE)
master <- c(3, 4, 2, 1, 3, 4, 2, 3)

icc <- function(x) {
  r <- ICC(na.omit(x), lmer = FALSE)$results
  sprintf('{"icc1": [%.12g, %.12g, %.12g], "icc2": [%.12g, %.12g, %.12g], "icc3": [%.12g, %.12g, %.12g]}',
    r[1, "ICC"], r[1, "lower bound"], r[1, "upper bound"],
    r[2, "ICC"], r[2, "lower bound"], r[2, "upper bound"],
    r[3, "ICC"], r[3, "lower bound"], r[3, "upper bound"])
}

qwk <- function(rater) {
  keep <- !is.na(rater)
  k <- cohen.kappa(cbind(rater[keep], master[keep]), levels = 1:4)
  if (is.na(k$weighted.kappa)) "null" else sprintf("%.12g", k$weighted.kappa)
}

fleiss <- function(x, levels) {
  counts <- t(apply(x, 1, function(row) sapply(levels, function(l) sum(row == l, na.rm = TRUE))))
  m <- rowSums(counts)
  counts <- counts[m >= 2, , drop = FALSE]
  m <- m[m >= 2]
  p_i <- (rowSums(counts^2) - m) / (m * (m - 1))
  p_j <- colSums(counts) / sum(m)
  (mean(p_i) - sum(p_j^2)) / (1 - sum(p_j^2))
}

cat("{\n")
cat('  "shrout_fleiss": ', icc(sf), ",\n", sep = "")
cat('  "session_icc": ', icc(session), ",\n", sep = "")
cat('  "session_qwk": [', paste(sapply(1:5, function(j) qwk(session[, j])), collapse = ", "), "],\n", sep = "")
cat('  "session_fleiss": ', sprintf("%.12g", fleiss(session, 1:4)), "\n", sep = "")
cat("}\n")
