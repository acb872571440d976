#!/usr/bin/env python3
"""PyTorch reference of Augur's ConvLSTM stack, used to write golden parity fixtures.

Run with Debian's python3-torch (/usr/bin/python3 reference/convlstm_reference.py). It writes, per case, the
weights (named as Augur's Weights), a clip, a scheduled-sampling mask, the predictions of frames 1..T-1, the
MSE loss against the true frames and the gradient of that loss for every weight, each as a .npy file under
augur-core/src/test/resources/parity/<case>/. The Java test ConvLstmParityTest loads them and must match to 1e-5.
"""
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "augur-core", "src", "test", "resources", "parity")


def convlstm_step(w, name, x, h, c, peephole):
    """Shi et al. 2015, Eq. 3: one conv over [x, h] gives gates i, f, g, o."""
    k = w[name + ".conv.weight"].shape[-1]
    z = F.conv2d(torch.cat([x, h], 1), w[name + ".conv.weight"], w[name + ".conv.bias"], padding=k // 2)
    i, f, g, o = torch.split(z, z.shape[1] // 4, dim=1)
    if peephole:
        i = i + c * w[name + ".peephole_i"]
        f = f + c * w[name + ".peephole_f"]
    c_next = torch.sigmoid(f) * c + torch.sigmoid(i) * torch.tanh(g)
    if peephole:
        o = o + c_next * w[name + ".peephole_o"]
    return torch.sigmoid(o) * torch.tanh(c_next), c_next


def rollout(w, clip, mask, hidden, patch, input_length, peephole, residual):
    b, t_total = clip.shape[:2]
    frames = F.pixel_unshuffle(clip.flatten(0, 1), patch).unflatten(0, (b, t_total))
    hp, wp = frames.shape[-2:]
    h = [torch.zeros(b, n, hp, wp) for n in hidden]
    c = [torch.zeros(b, n, hp, wp) for n in hidden]
    preds, gen = [], None
    for t in range(t_total - 1):
        if t < input_length:
            net = frames[:, t]
        else:
            m = mask[:, t - input_length].reshape(-1, 1, 1, 1)
            net = m * frames[:, t] + (1 - m) * gen
        x = net
        for layer in range(len(hidden)):
            h[layer], c[layer] = convlstm_step(w, "stack.%d" % layer, x, h[layer], c[layer], peephole)
            same = x.shape[1] == h[layer].shape[1]
            x = h[layer] + x if residual and layer > 0 and same else h[layer]
        gen = F.conv2d(x, w["decoder.weight"])  # the top output, residual link included
        preds.append(gen)
    out = torch.stack(preds, 1)
    return F.pixel_shuffle(out.flatten(0, 1), patch).unflatten(0, (b, t_total - 1))


def make_case(name, seed, channels, size, patch, hidden, filt, peephole, residual, batch, total, input_length):
    g = torch.Generator().manual_seed(seed)
    cp = channels * patch * patch
    hp = size // patch
    w = {}
    inp = cp
    for layer, n in enumerate(hidden):
        w["stack.%d.conv.weight" % layer] = torch.randn(4 * n, inp + n, filt, filt, generator=g) * 0.2
        w["stack.%d.conv.bias" % layer] = torch.randn(4 * n, generator=g) * 0.1
        if peephole:
            for gate in "ifo":
                w["stack.%d.peephole_%s" % (layer, gate)] = torch.randn(n, hp, hp, generator=g) * 0.1
        inp = n
    w["decoder.weight"] = torch.randn(cp, hidden[-1], 1, 1, generator=g) * 0.3
    for v in w.values():
        v.requires_grad_(True)
    clip = torch.rand(batch, total, channels, size, size, generator=g)
    mask = (torch.rand(batch, total - input_length - 1, generator=g) > 0.5).float()
    pred = rollout(w, clip, mask, hidden, patch, input_length, peephole, residual)
    loss = F.mse_loss(pred, clip[:, 1:])
    loss.backward()
    d = os.path.join(OUT, name)
    os.makedirs(d, exist_ok=True)
    for k, v in w.items():
        np.save(os.path.join(d, "w.%s.npy" % k), v.detach().numpy().astype(np.float32))
        np.save(os.path.join(d, "grad.%s.npy" % k), v.grad.numpy().astype(np.float32))
    np.save(os.path.join(d, "clip.npy"), clip.numpy().astype(np.float32))
    np.save(os.path.join(d, "mask.npy"), mask.numpy().astype(np.float32))
    np.save(os.path.join(d, "predictions.npy"), pred.detach().numpy().astype(np.float32))
    np.save(os.path.join(d, "loss.npy"), np.array([loss.item()], dtype=np.float32))
    with open(os.path.join(d, "case.txt"), "w") as f:
        f.write("channels=%d size=%d patch=%d hidden=%s filter=%d peephole=%s residual=%s input_length=%d total=%d\n"
                % (channels, size, patch, ",".join(map(str, hidden)), filt, peephole, residual, input_length, total))
    print("wrote", d, "loss", loss.item())


if __name__ == "__main__":
    torch.set_num_threads(max(1, os.cpu_count() or 1))
    make_case("convlstm_plain", 1, 1, 8, 2, [8, 8], 3, False, False, 2, 6, 3)
    make_case("convlstm_peephole_residual", 2, 2, 8, 2, [6, 6, 6], 3, True, True, 2, 7, 3)
    sys.exit(0)
