package dev.augur.eval;

/** A mean with its bootstrap confidence interval [low, high]. */
public record Estimate(double mean, double low, double high) {}
