/**
 * Metrics and intervals, task-neutral: frame errors and SSIM, binary and multi-class scores, bootstraps
 * (plain and moving-block), Platt scaling.
 */
package dev.augur.eval;
