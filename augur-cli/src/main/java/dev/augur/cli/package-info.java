/**
 * The command line {@code augur <task> <verb>}: parses arguments, calls the task packages and prints.
 */
package dev.augur.cli;
