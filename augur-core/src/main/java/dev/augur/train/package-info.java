/**
 * The one training loop (task-neutral settings, an objective, one after-step hook), Adam, losses, scheduled
 * sampling, checkpoints and model bundles.
 */
package dev.augur.train;
