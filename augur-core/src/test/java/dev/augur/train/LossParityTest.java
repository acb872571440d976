package dev.augur.train;

import static dev.augur.nn.ParityFixture.assertClose;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.augur.engine.AugurEngine;
import dev.augur.eval.Ssim;
import dev.augur.nn.ParityFixture;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Our losses, Adam and SSIM against PyTorch's (and scikit-image's) own code (reference/losses_reference.py): the
 * loss values and their gradients, parameters after five Adam steps, SSIM of noisy and shifted frames; each element
 * to 1e-5 + 1e-4·|b|.
 */
class LossParityTest {
    /** The loss of {@code input} and its gradient (times {@code gradScale}, as the reference saved it). */
    private static void check(
            ParityFixture f, NDManager m, String input, String name, float gradScale, Function<NDArray, NDArray> loss)
            throws Exception {
        NDArray x = f.array(input);
        x.setRequiresGradient(true);
        NDArray value;
        try (GradientCollector c = m.getEngine().newGradientCollector()) {
            value = loss.apply(x);
            c.backward(value);
        }
        assertClose(value.reshape(1), f.array("out." + name), name);
        assertClose(x.getGradient().mul(gradScale), f.array("grad." + name), name + " gradient");
    }

    @Test
    void frameLossesAndTheirGradientsEqualPyTorchs() throws Exception {
        AugurEngine.cpu();
        try (NDManager m = NDManager.newBaseManager()) {
            ParityFixture f = new ParityFixture("losses", m);
            NDArray target = f.array("in.target");
            check(f, m, "in.pred", "l2", 1000, p -> FrameLoss.of("l2", p, target));
            check(f, m, "in.pred", "l1l2", 1000, p -> FrameLoss.of("l1l2", p, target));
            check(f, m, "in.pred", "l1l2_0.3", 1000, p -> FrameLoss.of("l1l2:0.3", p, target));
            // TAU's loss: MSE + 0.1 x OpenSTL's differential divergence regularisation
            check(f, m, "in.pred", "l2_ddr", 1000, p -> FrameLoss.of("l2+ddr", p, target));
            check(f, m, "in.pred", "l2_ddr", 1000, p -> FrameLoss.of("l2+ddr:0.1", p, target));
        }
    }

    @Test
    void weightedBinaryCrossEntropyAndFocalLossEqualPyTorchs() throws Exception {
        AugurEngine.cpu();
        try (NDManager m = NDManager.newBaseManager()) {
            ParityFixture f = new ParityFixture("losses", m);
            NDArray labels = f.array("in.bce_labels");
            NDArray mask = f.array("in.bce_mask");
            check(f, m, "in.bce_logits", "bce", 100, z -> ClassificationLoss.binaryCrossEntropy(z, labels, 4f, mask));
            NDArray targets = f.array("in.focal_targets");
            NDArray alpha = f.array("in.focal_alpha");
            NDArray allowed = f.array("in.focal_allowed");
            check(f, m, "in.focal_logits", "focal", 100, z -> ClassificationLoss.focal(z, targets, alpha, 2f, allowed));
        }
    }

    @Test
    void adamTakesPyTorchsStepsExactly() throws Exception {
        AugurEngine.cpu();
        try (NDManager m = NDManager.newBaseManager()) {
            ParityFixture f = new ParityFixture("losses", m);
            List<NDArray> params = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                params.add(f.array("in.adam_param" + i));
            }
            try (Adam adam = new Adam(m, params, 1e-2)) {
                for (int step = 0; step < 5; step++) {
                    NDList grads = new NDList();
                    for (int i = 0; i < 3; i++) {
                        grads.add(f.array("in.adam_grad" + i + "_step" + step));
                    }
                    adam.update(params, grads, 1f);
                }
            }
            for (int i = 0; i < 3; i++) {
                assertClose(params.get(i), f.array("out.adam_param" + i), "parameter " + i + " after 5 steps");
            }
        }
    }

    @Test
    void ssimEqualsScikitImagesWithWangEtAlsSettings() throws Exception {
        AugurEngine.cpu();
        try (NDManager m = NDManager.newBaseManager()) {
            ParityFixture f = new ParityFixture("losses", m);
            float[] a = f.array("in.ssim_a").toFloatArray();
            float[] expected = f.array("out.ssim").toFloatArray();
            String[] others = {"in.ssim_b", "in.ssim_c"};
            for (int k = 0; k < others.length; k++) {
                float[] b = f.array(others[k]).toFloatArray();
                float ours = (float) Ssim.of(a, 0, b, 0, 2, 24, 20);
                assertClose(new float[] {ours}, new float[] {expected[k]}, "SSIM vs " + others[k]);
            }
        }
    }
}
