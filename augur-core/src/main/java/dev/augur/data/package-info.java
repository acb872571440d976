/**
 * Data sets and formats below every task: videos in and out (JavaCV/FFmpeg), frame folders, the frame cache,
 * clip sources (bouncing balls, Moving MNIST, radar, KTH), NumPy and IDX files, feature scaling.
 */
package dev.augur.data;
