/**
 * Behaviour classification from pose keypoints (seed 004; CalMS21 and MABe): the pose types and the CalMS21 reader,
 * keypoint features, the simulated mouse pair, training with focal loss and early stopping, prediction and outputs.
 */
package dev.augur.behavior;
