/**
 * Video prediction: data choice, frame-prediction settings and objective, training runs, evaluation, seed 002's
 * study, the predrnn-pytorch research command line, the bouncing-balls demo.
 */
package dev.augur.video;
