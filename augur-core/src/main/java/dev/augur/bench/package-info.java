/**
 * {@code augur bench}: speed and memory as ratios against a reference run on the same machine in the same run.
 */
package dev.augur.bench;
