/**
 * The one place that configures DJL's engine (offline, threads, device).
 */
package dev.augur.engine;
