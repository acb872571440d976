/**
 * Files written so that nothing is ever half-written (atomic files and folders), the project's JSON mapper, how the
 * command lines read their arguments (ranges, paths, one-line errors, --verbose) and the safe reader of PyTorch
 * checkpoints; imports nothing of the project.
 */
package dev.augur.io;
