#!/usr/bin/env python3
"""PyTorch's (and scikit-image's) answers for Augur's losses, optimiser and SSIM, as parity fixtures.

    /usr/bin/python3 reference/losses_reference.py        (Debian's python3-torch and python3-skimage)

Writes augur-core/src/test/resources/parity/losses/: inputs, each loss and its gradient with respect to the
prediction or the logits; parameters after five steps of torch.optim.Adam on given gradients; and SSIM of frame
pairs from skimage.metrics.structural_similarity with Wang et al.'s settings (Gaussian window, sigma 1.5,
population covariance, data range 1). LossParityTest compares Augur element by element to 1e-5 + 1e-4 |b|.
Every compared tensor peaks above 1e-3 (checked here).
"""
import hashlib
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F
import skimage
from skimage.metrics import structural_similarity

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "augur-core", "src", "test", "resources",
                   "parity", "losses")


def script_sha256():
    """This script's SHA-256, written beside its fixtures: ParityProvenanceTest checks they come from this version."""
    with open(os.path.abspath(__file__), "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def save(name, t):
    a = t.detach().numpy().astype(np.float32) if torch.is_tensor(t) else np.asarray(t, dtype=np.float32)
    if name.startswith(("out.", "grad.")) and float(np.abs(a).max()) <= 1e-3:
        sys.exit("%s peaks at %.2e: too small to compare" % (name, float(np.abs(a).max())))
    np.save(os.path.join(OUT, name + ".npy"), a)


def frame_losses(g):
    pred = torch.rand(2, 3, 1, 8, 8, generator=g)
    target = torch.rand(2, 3, 1, 8, 8, generator=g)
    save("in.pred", pred)
    save("in.target", target)
    for kind, fn in (("l2", lambda p: F.mse_loss(p, target)),
                     ("l1l2", lambda p: F.mse_loss(p, target) + F.l1_loss(p, target)),
                     ("l1l2_0.3", lambda p: 0.3 * F.l1_loss(p, target) + 0.7 * F.mse_loss(p, target))):
        p = pred.clone().requires_grad_(True)
        loss = fn(p)
        loss.backward()
        save("out.%s" % kind, loss.reshape(1))
        # the gradient of a mean over 384 elements is ~1/384 per element: scaled by 1000 for a meaningful check
        save("grad.%s" % kind, p.grad * 1000)


def diff_div_reg(pred_y, batch_y, tau=0.1, eps=1e-12):
    """TAU's differential divergence regularisation, as OpenSTL's TAU.diff_div_reg computes it
    (openstl/methods/tau.py, re-typed: the method class needs Lightning)."""
    B, T, C = pred_y.shape[:3]
    if T <= 2:
        return 0
    gap_pred_y = (pred_y[:, 1:] - pred_y[:, :-1]).reshape(B, T - 1, -1)
    gap_batch_y = (batch_y[:, 1:] - batch_y[:, :-1]).reshape(B, T - 1, -1)
    softmax_gap_p = F.softmax(gap_pred_y / tau, -1)
    softmax_gap_b = F.softmax(gap_batch_y / tau, -1)
    loss_gap = softmax_gap_p * torch.log(softmax_gap_p / (softmax_gap_b + eps) + eps)
    return loss_gap.mean()


def tau_loss(pred, target):
    """OpenSTL's TAU training loss: MSE + alpha * DDR, alpha 0.1 (its Moving MNIST config)."""
    p = pred.clone().requires_grad_(True)
    loss = F.mse_loss(p, target) + 0.1 * diff_div_reg(p, target)
    loss.backward()
    save("out.l2_ddr", loss.reshape(1))
    save("grad.l2_ddr", p.grad * 1000)


def classification_losses(g):
    logits = torch.randn(64, generator=g) * 2
    labels = (torch.rand(64, generator=g) < 0.2).float()
    mask = (torch.rand(64, generator=g) < 0.9).float()
    save("in.bce_logits", logits)
    save("in.bce_labels", labels)
    save("in.bce_mask", mask)
    pos_weight = 4.0
    z = logits.clone().requires_grad_(True)
    w = (1 + (pos_weight - 1) * labels) * mask
    # PyTorch's own binary cross-entropy, weighted per item and normalised by the weights (seed 000's weighting)
    loss = F.binary_cross_entropy_with_logits(z, labels, weight=w, reduction="sum") / w.sum()
    loss.backward()
    save("out.bce", loss.reshape(1))
    save("grad.bce", z.grad * 100)

    c = 5
    logits = torch.randn(16, c, generator=g) * 2
    allowed = torch.ones(16, c)
    allowed[3, 4] = 0
    allowed[7, 0] = 0
    target_idx = torch.randint(0, c, (16,), generator=g)
    target_idx[3] = 1
    target_idx[7] = 2
    targets = F.one_hot(target_idx, c).float()
    alpha = torch.rand(c, generator=g) + 0.5
    save("in.focal_logits", logits)
    save("in.focal_allowed", allowed)
    save("in.focal_targets", targets)
    save("in.focal_alpha", alpha)
    z = logits.clone().requires_grad_(True)
    logp = F.log_softmax(z + (allowed - 1) * 1e9, dim=1)
    gamma = 2.0
    loss = -(targets * alpha[None, :] * (1 - logp.exp()) ** gamma * logp).sum(1).mean()
    loss.backward()
    save("out.focal", loss.reshape(1))
    save("grad.focal", z.grad * 100)


def adam(g):
    shapes = [(6, 4, 3, 3), (6,), (5, 7)]
    params = [torch.randn(*s, generator=g).requires_grad_(True) for s in shapes]
    for i, p in enumerate(params):
        save("in.adam_param%d" % i, p)
    opt = torch.optim.Adam(params, lr=1e-2, betas=(0.9, 0.999), eps=1e-8)
    for step in range(5):
        for i, p in enumerate(params):
            grad = torch.randn(*p.shape, generator=g) * (0.1 if step % 2 else 3.0)
            save("in.adam_grad%d_step%d" % (i, step), grad)
            p.grad = grad
        opt.step()
    for i, p in enumerate(params):
        save("out.adam_param%d" % i, p)


def ssim(g):
    rng = np.random.default_rng(7)
    base = rng.random((2, 24, 20)).astype(np.float32)
    noisy = np.clip(base + rng.normal(0, 0.1, base.shape), 0, 1).astype(np.float32)
    shifted = np.roll(base, 2, axis=2)
    save("in.ssim_a", base)
    save("in.ssim_b", noisy)
    save("in.ssim_c", shifted)
    values = []
    for other in (noisy, shifted):
        per_channel = [structural_similarity(base[ch], other[ch], gaussian_weights=True, sigma=1.5,
                                             use_sample_covariance=False, data_range=1.0)
                       for ch in range(base.shape[0])]
        values.append(np.mean(per_channel))
    save("out.ssim", np.array(values))


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    g = torch.Generator().manual_seed(2026)
    frame_losses(g)
    tau_loss(torch.from_numpy(np.load(os.path.join(OUT, "in.pred.npy"))),
             torch.from_numpy(np.load(os.path.join(OUT, "in.target.npy"))))
    classification_losses(g)
    adam(g)
    ssim(g)
    with open(os.path.join(OUT, "case.txt"), "w") as f:
        f.write("script=reference/losses_reference.py sha256=%s\n" % script_sha256())
        f.write("losses, Adam and SSIM; torch=%s skimage=%s\n" % (torch.__version__, skimage.__version__))
    print("wrote", OUT)
