/**
 * Event forecasting (seed 000): motion energy, burst labels, the algorithmic baseline, the real recording's
 * published series, the calibrated fish-tank simulator, the video and series forecasters, scoring, reports, live
 * forecasting.
 */
package dev.augur.events;
