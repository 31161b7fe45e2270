#!/usr/bin/env Rscript
# Reference numbers for the survey statistics engine (src/stats), computed with R's survey
# package.
#
# Usage: Rscript make_reference.R DATA_DIR OUT_DIR
#
# Input data sets are read from DATA_DIR; any that is missing is first created there:
#   api_strat.csv, api_clus1.csv, api_clus2.csv  the survey package's `api` samples;
#   waves.csv, lonely.csv                          synthetic, from a fixed arithmetic
#                                                  generator (no R random numbers);
#   bootstrap_weights.csv                          40 subbootstrap replicate weights of
#                                                  api_strat (set.seed(20240611)).
# Writes OUT_DIR/survey_reference.json: per case, rows of estimates (domain, category,
# estimate, se, deff, df, ci_low, ci_high, n) and, where relevant, the covariance matrix of
# the rows, weights or contrasts.

args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 2) stop("usage: Rscript make_reference.R DATA_DIR OUT_DIR")
data_dir <- args[1]
out_dir <- args[2]
suppressPackageStartupMessages(library(survey))
options(survey.lonely.psu = "fail", survey.adjust.domain.lonely = FALSE,
        survey.replicates.mse = FALSE, warn = 1)

# ---------------------------------------------------------------- JSON writing (no jsonlite)
jnum <- function(x) if (is.na(x) || !is.finite(x)) "null" else sprintf("%.17g", x)
jarr <- function(v) paste0("[", paste(vapply(as.numeric(v), jnum, ""), collapse = ", "), "]")
jmat <- function(m) paste0("[", paste(apply(as.matrix(m), 1, jarr), collapse = ",\n  "), "]")
jstr <- function(s) if (is.null(s) || is.na(s)) "null" else paste0("\"", s, "\"")
jobj <- function(...) {
  items <- list(...)
  items <- items[!vapply(items, is.null, TRUE)]
  paste0("{", paste(paste0("\"", names(items), "\": ", unlist(items)), collapse = ", "), "}")
}
jlist <- function(items) paste0("[\n  ", paste(unlist(items), collapse = ",\n  "), "\n]")

# ---------------------------------------------------------------------------- input data
data_path <- function(name) file.path(data_dir, name)

park_miller <- local({
  state <- 20240611
  function(n) {
    out <- numeric(n)
    for (i in seq_len(n)) {
      state <<- (16807 * state) %% 2147483647
      out[i] <- state / 2147483647
    }
    out
  }
})

make_api <- function() {
  data(api, package = "survey", envir = environment())
  keep <- c("cds", "stype", "dnum", "snum", "api00", "api99", "enroll", "sch.wide",
            "awards", "pw")
  strat <- apistrat[, c(keep, "fpc")]
  clus1 <- apiclus1[, c(keep, "fpc")]
  clus2 <- apiclus2[, c(keep, "fpc1", "fpc2")]
  for (name in c("strat", "clus1", "clus2")) {
    frame <- get(name)
    names(frame)[names(frame) == "sch.wide"] <- "sch_wide"
    write.csv(frame, data_path(paste0("api_", name, ".csv")), row.names = FALSE, na = "")
  }
}

make_waves <- function() {
  rows <- list()
  for (wave in 1:2) for (region in 1:6) {
    n_psu <- 4 + region %% 3
    for (p in seq_len(n_psu)) {
      u <- park_miller(3)
      size <- 6 + floor(u[1] * 8)
      urban_share <- 0.15 + 0.7 * u[2]
      psu_effect <- 6 * (u[3] - 0.5)
      v <- matrix(park_miller(4 * size), ncol = 4)
      urban <- as.integer(v[, 1] < urban_share)
      y <- 50 + 4 * wave + 7 * urban + 1.5 * wave * urban + region + psu_effect +
        12 * (v[, 2] - 0.5)
      grade <- ifelse(v[, 3] < 0.25 + 0.1 * urban + 0.05 * wave, "A",
                      ifelse(v[, 3] < 0.7, "B", "C"))
      hours <- round(2 + 6 * v[, 4] + urban, 3)
      w <- round((30 + 10 * region) * (0.8 + 0.4 * v[, 4]), 4)
      rows[[length(rows) + 1]] <- data.frame(
        wave = wave, region = region, psu = p, urban = urban, y = round(y, 4),
        grade = grade, hours = hours, w = w, psu_total = 40)
    }
  }
  write.csv(do.call(rbind, rows), data_path("waves.csv"), row.names = FALSE)
}

make_lonely <- function() {
  rows <- list()
  for (stratum in 1:5) {
    n_psu <- if (stratum == 5) 1 else 3
    for (p in seq_len(n_psu)) {
      v <- matrix(park_miller(10), ncol = 2)
      rows[[length(rows) + 1]] <- data.frame(
        stratum = stratum, psu = p, group = ifelse(v[, 1] < 0.5, "a", "b"),
        y = round(10 + stratum + 5 * v[, 2] + p, 4), w = round(5 + stratum + v[, 1], 4),
        psu_total = 10)
    }
  }
  write.csv(do.call(rbind, rows), data_path("lonely.csv"), row.names = FALSE)
}

if (!file.exists(data_path("api_strat.csv"))) make_api()
if (!file.exists(data_path("waves.csv"))) make_waves()
if (!file.exists(data_path("lonely.csv"))) make_lonely()

read <- function(name) read.csv(data_path(name), stringsAsFactors = FALSE)
strat <- read("api_strat.csv")
clus1 <- read("api_clus1.csv")
clus2 <- read("api_clus2.csv")
waves <- read("waves.csv")
lonely <- read("lonely.csv")

d_strat <- svydesign(id = ~1, strata = ~stype, weights = ~pw, fpc = ~fpc, data = strat)
d_strat_nofpc <- svydesign(id = ~1, strata = ~stype, weights = ~pw, data = strat)
d_clus1 <- svydesign(id = ~dnum, weights = ~pw, fpc = ~fpc, data = clus1)
d_clus1_nofpc <- svydesign(id = ~dnum, weights = ~pw, data = clus1)
d_clus2 <- svydesign(id = ~dnum + snum, weights = ~pw, fpc = ~fpc1 + fpc2, data = clus2)
d_clus2_nofpc <- svydesign(id = ~dnum + snum, weights = ~pw, data = clus2)
waves$stratum <- paste(waves$wave, waves$region)
d_waves <- svydesign(id = ~psu, strata = ~stratum, weights = ~w, data = waves, nest = TRUE)
d_waves_fpc <- svydesign(id = ~psu, strata = ~stratum, weights = ~w, fpc = ~psu_total,
                         data = waves, nest = TRUE)

# ------------------------------------------------------------------ estimates by domain
domain_keys <- function(design, by) {
  if (length(by) == 0) return(list(list()))
  frame <- unique(design$variables[, by, drop = FALSE])
  frame <- frame[do.call(order, unname(as.list(frame))), , drop = FALSE]
  lapply(seq_len(nrow(frame)), function(i) as.list(frame[i, , drop = FALSE]))
}

in_domain <- function(design, key) {
  keep <- rep(TRUE, nrow(design$variables))
  for (name in names(key)) keep <- keep & design$variables[[name]] == key[[name]]
  keep
}

domain_json <- function(key) {
  if (length(key) == 0) return("{}")
  do.call(jobj, lapply(key, function(v) jstr(as.character(v))))
}

row_json <- function(key, category, estimate, se, deff, df, ci, n) {
  jobj(domain = domain_json(key), category = jstr(category), estimate = jnum(estimate),
       se = jnum(se), deff = jnum(deff), df = jnum(df), ci_low = jnum(ci[1]),
       ci_high = jnum(ci[2]), n = jnum(n))
}

# stat: "mean", "total", "ratio" (y = c(numerator, denominator)) or "proportion".
domain_rows <- function(design, y, stat, by = character(0), na.rm = FALSE, ci = "wald",
                        with_deff = TRUE) {
  rows <- list()
  levels_y <- if (stat == "proportion") sort(unique(design$variables[[y]])) else NULL
  for (key in domain_keys(design, by)) {
    sub <- if (length(key)) design[in_domain(design, key), ] else design
    formula <- as.formula(paste0("~", y[1]))
    if (stat == "mean") fit <- svymean(formula, sub, deff = with_deff, na.rm = na.rm)
    if (stat == "total") fit <- svytotal(formula, sub, deff = with_deff, na.rm = na.rm)
    if (stat == "proportion") {
      sub$variables$category <- factor(sub$variables[[y[1]]], levels = levels_y)
      fit <- svymean(~category, sub, deff = with_deff, na.rm = na.rm)
    }
    if (stat == "ratio") {
      fit <- svyratio(formula, as.formula(paste0("~", y[2])), sub, deff = with_deff,
                      na.rm = na.rm)
    }
    complete <- !is.na(sub$variables[[y[1]]])
    if (length(y) > 1) complete <- complete & !is.na(sub$variables[[y[2]]])
    analysed <- if (na.rm) sub[complete, ] else sub
    df <- degf(analysed)
    n <- sum(weights(analysed, "sampling") != 0)
    estimates <- coef(fit)
    ses <- SE(fit)
    deffs <- if (with_deff) deff(fit) else rep(NA, length(estimates))
    if (is.matrix(deffs)) deffs <- diag(deffs)
    for (k in seq_along(estimates)) {
      category <- if (stat == "proportion") levels_y[k] else NULL
      if (ci == "logit") {
        one <- svyciprop(as.formula(paste0("~I(", y[1], " == '", category, "')")),
                         analysed, method = "logit", level = 0.95)
        bounds <- as.vector(attr(one, "ci"))
      } else if (stat == "ratio") {
        bounds <- estimates[k] + c(-1, 1) * qt(0.975, df) * ses[k]
      } else {
        bounds <- as.vector(confint(fit, df = df)[k, ])
      }
      rows[[length(rows) + 1]] <- row_json(key, category, estimates[k], ses[k], deffs[k],
                                           df, bounds, n)
    }
  }
  rows
}

# Joint covariance of domain estimates through one linearisation (svyratio / svytotal with
# all domains at once); svyby itself treats linearised domains as uncorrelated.
domain_indicators <- function(design, by) {
  keys <- domain_keys(design, by)
  sapply(keys, function(key) as.numeric(in_domain(design, key)))
}

pick_ratio_cov <- function(fit, numerators, denominator_of) {
  position <- (denominator_of - 1) * numerators + seq_len(numerators)
  fit$vcov[position, position, drop = FALSE]
}

cov_mean <- function(design, y, by) {
  ind <- domain_indicators(design, by)
  fit <- svyratio(ind * design$variables[[y]], ind, design, covmat = TRUE)
  pick_ratio_cov(fit, ncol(ind), seq_len(ncol(ind)))
}

cov_total <- function(design, y, by) {
  ind <- domain_indicators(design, by)
  vcov(svytotal(ind * design$variables[[y]], design))
}

cov_ratio <- function(design, y, x, by) {
  ind <- domain_indicators(design, by)
  fit <- svyratio(ind * design$variables[[y]], ind * design$variables[[x]], design,
                  covmat = TRUE)
  pick_ratio_cov(fit, ncol(ind), seq_len(ncol(ind)))
}

cov_proportion <- function(design, y, by) {
  ind <- domain_indicators(design, by)
  levels_y <- sort(unique(design$variables[[y]]))
  cells <- do.call(cbind, lapply(seq_len(ncol(ind)), function(d) {
    sapply(levels_y, function(level) ind[, d] * (design$variables[[y]] == level))
  }))
  fit <- svyratio(cells, ind, design, covmat = TRUE)
  pick_ratio_cov(fit, ncol(cells), rep(seq_len(ncol(ind)), each = length(levels_y)))
}

case <- function(rows, covariance = NULL, ...) {
  extra <- list(...)
  parts <- c(list(rows = jlist(rows)),
             if (!is.null(covariance)) list(covariance = jmat(covariance)),
             extra)
  do.call(jobj, parts)
}

cases <- list()
add <- function(name, value) cases[[name]] <<- value

# ------------------------------------------------------------------ stratified (apistrat)
add("strat_mean", case(domain_rows(d_strat, "api00", "mean")))
add("strat_mean_nofpc", case(domain_rows(d_strat_nofpc, "api00", "mean")))
add("strat_total", case(domain_rows(d_strat, "enroll", "total")))
add("strat_ratio", case(domain_rows(d_strat, c("api00", "api99"), "ratio")))
add("strat_proportion", case(domain_rows(d_strat, "awards", "proportion", ci = "logit")))
add("strat_mean_by", case(domain_rows(d_strat, "api00", "mean", by = "sch_wide"),
                          cov_mean(d_strat, "api00", "sch_wide")))
by_check <- svyby(~api00, ~sch_wide, d_strat, svymean, deff = TRUE)
stopifnot(isTRUE(all.equal(as.vector(SE(by_check)),
                           as.vector(sapply(c("No", "Yes"), function(v)
                             SE(svymean(~api00, subset(d_strat, sch_wide == v))))))))

# ------------------------------------------------------------ one-stage cluster (apiclus1)
add("clus1_mean", case(domain_rows(d_clus1, "api00", "mean")))
add("clus1_mean_nofpc", case(domain_rows(d_clus1_nofpc, "api00", "mean")))
add("clus1_mean_by", case(domain_rows(d_clus1, "api00", "mean", by = "stype"),
                          cov_mean(d_clus1, "api00", "stype")))
add("clus1_total_by", case(domain_rows(d_clus1, "enroll", "total", by = "stype"),
                           cov_total(d_clus1, "enroll", "stype")))
add("clus1_ratio_by", case(domain_rows(d_clus1, c("api00", "api99"), "ratio", by = "sch_wide"),
                           cov_ratio(d_clus1, "api00", "api99", "sch_wide")))
add("clus1_proportion_by",
    case(domain_rows(d_clus1, "awards", "proportion", by = "stype", ci = "logit"),
         cov_proportion(d_clus1, "awards", "stype")))
add("clus1_proportion_by_wald",
    case(domain_rows(d_clus1_nofpc, "awards", "proportion", by = "stype")))

# ------------------------------------------------------------ two-stage cluster (apiclus2)
add("clus2_mean", case(domain_rows(d_clus2, "api00", "mean")))
add("clus2_mean_nofpc", case(domain_rows(d_clus2_nofpc, "api00", "mean")))
add("clus2_mean_by", case(domain_rows(d_clus2, "api00", "mean", by = "stype"),
                          cov_mean(d_clus2, "api00", "stype")))
add("clus2_total_narm", case(domain_rows(d_clus2, "enroll", "total", na.rm = TRUE)))
add("clus2_mean_by_narm", case(domain_rows(d_clus2, "enroll", "mean", by = "stype",
                                           na.rm = TRUE)))
add("clus2_proportion", case(domain_rows(d_clus2, "awards", "proportion", ci = "logit")))

# ------------------------------------------- two waves stacked, urban-rural gap and change
wave_cov <- cov_mean(d_waves, "y", c("wave", "urban"))
wave_keys <- domain_keys(d_waves, c("wave", "urban"))
wave_means <- sapply(wave_keys, function(key)
  coef(svymean(~y, d_waves[in_domain(d_waves, key), ])))
names(wave_means) <- sapply(wave_keys, function(key) paste0("w", key$wave, "u", key$urban))
wave_stat <- structure(wave_means, var = wave_cov, statistic = "mean", class = "svystat")
dimnames(attr(wave_stat, "var")) <- list(names(wave_means), names(wave_means))
contrasts <- list(
  gap_wave1 = c(w1u0 = -1, w1u1 = 1, w2u0 = 0, w2u1 = 0),
  gap_wave2 = c(w1u0 = 0, w1u1 = 0, w2u0 = -1, w2u1 = 1),
  change_urban = c(w1u0 = 0, w1u1 = -1, w2u0 = 0, w2u1 = 1),
  gap_change = c(w1u0 = 1, w1u1 = -1, w2u0 = -1, w2u1 = 1))
contrast_json <- lapply(names(contrasts), function(name) {
  fit <- svycontrast(wave_stat, contrasts[[name]])
  jobj(name = jstr(name), coefficients = jarr(contrasts[[name]]), estimate = jnum(coef(fit)),
       se = jnum(SE(fit)), df = jnum(degf(d_waves)))
})
add("waves_mean_by", case(domain_rows(d_waves, "y", "mean", by = c("wave", "urban")),
                          wave_cov, contrasts = jlist(contrast_json)))
add("waves_fpc_mean_by", case(domain_rows(d_waves_fpc, "y", "mean", by = c("wave", "urban")),
                              cov_mean(d_waves_fpc, "y", c("wave", "urban"))))
add("waves_proportion_by",
    case(domain_rows(d_waves, "grade", "proportion", by = c("wave", "urban"), ci = "logit"),
         cov_proportion(d_waves, "grade", c("wave", "urban"))))
add("waves_ratio", case(domain_rows(d_waves, c("y", "hours"), "ratio", by = "wave")))

# ---------------------------------------------------------------------------- lonely PSUs
lonely_fails <- tryCatch({
  svymean(~y, svydesign(id = ~psu, strata = ~stratum, weights = ~w, data = lonely,
                        nest = TRUE))
  FALSE
}, error = function(e) TRUE)
stopifnot(lonely_fails)
for (rule in c("remove", "certainty", "adjust", "average")) {
  options(survey.lonely.psu = rule)
  d_lonely <- svydesign(id = ~psu, strata = ~stratum, weights = ~w, data = lonely, nest = TRUE)
  d_lonely_fpc <- svydesign(id = ~psu, strata = ~stratum, weights = ~w, fpc = ~psu_total,
                            data = lonely, nest = TRUE)
  add(paste0("lonely_", rule, "_mean"), case(domain_rows(d_lonely, "y", "mean")))
  add(paste0("lonely_", rule, "_total"), case(domain_rows(d_lonely_fpc, "y", "total")))
  add(paste0("lonely_", rule, "_mean_by"),
      case(domain_rows(d_lonely, "y", "mean", by = "group")))
}
options(survey.lonely.psu = "fail")

# ---------------------------------------------------------------------------- calibration
pop_types <- data.frame(stype = c("E", "H", "M"), Freq = c(4421, 755, 1018))
pop_schwide <- data.frame(sch_wide = c("No", "Yes"), Freq = c(1072, 5122))
d_post <- postStratify(d_clus1, ~stype, pop_types)
add("post_mean", case(domain_rows(d_post, "api00", "mean"), weights = jarr(weights(d_post))))
add("post_total", case(domain_rows(d_post, "enroll", "total")))
add("post_mean_by", case(domain_rows(d_post, "api00", "mean", by = "sch_wide"),
                         cov_mean(d_post, "api00", "sch_wide")))
d_rake <- rake(d_clus1, list(~stype, ~sch_wide), list(pop_types, pop_schwide),
               control = list(maxit = 500, epsilon = 1e-15))
add("rake_mean", case(domain_rows(d_rake, "api00", "mean"), weights = jarr(weights(d_rake))))
add("rake_total", case(domain_rows(d_rake, "enroll", "total")))
add("rake_mean_by", case(domain_rows(d_rake, "api00", "mean", by = "stype"),
                         cov_mean(d_rake, "api00", "stype")))
add("rake_proportion", case(domain_rows(d_rake, "awards", "proportion")))
d_trim <- trimWeights(d_strat, upper = 40, lower = 18)
add("trim_mean", case(domain_rows(d_trim, "api00", "mean"), weights = jarr(weights(d_trim))))
d_trim_strict <- trimWeights(d_strat, upper = 40, lower = 18, strict = TRUE)
add("trim_strict", case(domain_rows(d_trim_strict, "api00", "mean"),
                        weights = jarr(weights(d_trim_strict))))

# ------------------------------------------------------------------------ replicate weights
replicate_case <- function(design, y, stat, by = character(0)) {
  formula <- as.formula(paste0("~", y))
  rows <- domain_rows(design, y, stat, by = by)
  covariance <- NULL
  if (length(by)) {
    fun <- if (stat == "mean") svymean else svytotal
    fit <- svyby(formula, as.formula(paste0("~", paste(by, collapse = "+"))), design, fun,
                 covmat = TRUE)
    covariance <- vcov(fit)
  }
  case(rows, covariance, degf = jnum(degf(design)))
}
r_jk1 <- as.svrepdesign(d_clus1, type = "JK1")
add("jk1_mean", replicate_case(r_jk1, "api00", "mean"))
add("jk1_mean_by", replicate_case(r_jk1, "api00", "mean", by = "stype"))
add("jk1_total_by", replicate_case(r_jk1, "enroll", "total", by = "sch_wide"))
add("jk1_proportion", replicate_case(r_jk1, "awards", "proportion"))
r_jkn <- as.svrepdesign(d_strat, type = "JKn")
add("jkn_mean", replicate_case(r_jkn, "api00", "mean"))
add("jkn_mean_by", replicate_case(r_jkn, "api00", "mean", by = "sch_wide"))
if (!file.exists(data_path("bootstrap_weights.csv"))) {
  set.seed(20240611)
  boot <- as.svrepdesign(d_strat, type = "subbootstrap", replicates = 40)
  table <- weights(boot, "analysis")
  colnames(table) <- paste0("rep", seq_len(ncol(table)))
  write.csv(round(table, 10), data_path("bootstrap_weights.csv"), row.names = FALSE)
}
boot_weights <- as.matrix(read.csv(data_path("bootstrap_weights.csv")))
r_boot <- svrepdesign(data = strat, weights = ~pw, repweights = boot_weights,
                      type = "bootstrap", combined.weights = TRUE)
add("boot_mean", replicate_case(r_boot, "api00", "mean"))
add("boot_mean_by", replicate_case(r_boot, "api00", "mean", by = "sch_wide"))
add("boot_proportion", replicate_case(r_boot, "awards", "proportion"))

# ------------------------------------------------------------------------------ write out
body <- paste0("\"", names(cases), "\": ", unlist(cases), collapse = ",\n")
writeLines(paste0("{\n\"survey_version\": \"", packageVersion("survey"), "\",\n", body, "\n}"),
           file.path(out_dir, "survey_reference.json"))
