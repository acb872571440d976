/**
 * The networks: the shared recurrent core (one cell interface, one stack and rollout), layers, frame predictors
 * and window classifiers; weights named as PyTorch's state dicts.
 */
package dev.augur.nn;
