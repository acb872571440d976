/**
 * The one place that configures DJL's engine (offline, threads, device), and what the process holds: open DJL arrays,
 * resident memory.
 */
package dev.augur.engine;
