// The two-sided normal-mixture boundary of Howard, Ramdas, McAuliffe and Sekhon ("Time-uniform,
// nonparametric, nonasymptotic confidence sequences", 2021) — the mixture SPRT of Johari et al.
// ("Always valid inference", 2017/2022) written in intrinsic time. Pure math, no state.
//
// For an estimate θ̂ with variance s² (precision V = 1/s²), S = V·(θ̂ − θ₀) and a N(θ₀, 1/ρ) mixture
// over the alternative, the likelihood ratio is Λ = √(ρ/(V+ρ)) · exp(S² / (2(V+ρ))). Under θ₀ it is a
// (super)martingale, so by Ville's inequality P(∃t: Λₜ ≥ 1/α) ≤ α: a test that may be read at any time.

/**
 * The mixture precision ρ that makes the boundary tightest at precision `optimalPrecision`
 * (Howard et al., approximate optimisation: ρ = v* / (2 log(1/α) + log(1 + 2 log(1/α)))).
 */
export function mixturePrecisionFor(optimalPrecision: number, alpha: number): number {
  const l = Math.log(1 / alpha);
  return optimalPrecision / (2 * l + Math.log(1 + 2 * l));
}

/** log Λ of the normal-mixture SPRT for the standardised sum `s` = V·(θ̂ − θ₀) at precision `v`. */
export function normalMixtureLogRatio(s: number, v: number, rho: number): number {
  return 0.5 * Math.log(rho / (v + rho)) + (s * s) / (2 * (v + rho));
}

/**
 * Half-width of the confidence sequence for θ at precision `v`: {θ₀ : Λ(θ₀) < 1/α} is
 * θ̂ ± √((V+ρ) · log((V+ρ)/(ρα²))) / V.
 */
export function normalMixtureHalfWidth(v: number, rho: number, alpha: number): number {
  if (!(v > 0)) return Number.POSITIVE_INFINITY;
  return Math.sqrt((v + rho) * Math.log((v + rho) / (rho * alpha * alpha))) / v;
}
