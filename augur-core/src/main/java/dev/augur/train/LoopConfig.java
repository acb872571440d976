package dev.augur.train;

/**
 * What the one training loop needs to know, whatever the task: how many steps, Adam's step size (PyTorch's Adam:
 * β1 0.9, β2 0.999, ε 1e-8), clipping by global gradient norm, the seed of the weights and batches, and how often to
 * write a checkpoint. Each task keeps its own settings (batch, clip length, loss, …) beside its objective.
 *
 * @param clipNorm        global gradient-norm limit; 0 turns clipping off
 * @param checkpointEvery steps between atomic checkpoints (one is also written at the end and on stop)
 */
public record LoopConfig(int steps, double learningRate, double clipNorm, long seed, int checkpointEvery) {
    public LoopConfig {
        require(steps >= 1, "steps must be >= 1, got " + steps);
        require(learningRate > 0 && Double.isFinite(learningRate), "learning rate must be > 0, got " + learningRate);
        require(clipNorm >= 0 && Double.isFinite(clipNorm), "clip norm must be >= 0 (0 = off), got " + clipNorm);
        require(checkpointEvery >= 1, "checkpoint interval must be >= 1, got " + checkpointEvery);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** The same run with another step count: what may change when a run is resumed. */
    public LoopConfig withSteps(int n) {
        return new LoopConfig(n, learningRate, clipNorm, seed, checkpointEvery);
    }
}
