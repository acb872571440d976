#!/usr/bin/env python3
"""PyTorch reference of Augur's keypoint classifiers: seed 004's CNN-LSTM (Conv1D x3 with BatchNorm1d and
max-pooling, a 2-layer bidirectional nn.LSTM, additive attention, an MLP head) and the 1D-convolution baseline,
built from torch.nn modules as the seed's PyTorch code builds them, used to write golden parity fixtures.

Run with Debian's python3-torch (/usr/bin/python3 reference/behavior_reference.py). Per case it writes, under
augur-core/src/test/resources/parity/<case>/: the weights in Augur's names and shapes (w.*; each LSTM direction's
weight_ih and weight_hh side by side as one [4h, in+h, 1, 1] kernel, its two biases summed), a batch of windows and
labels, the training-mode logits (batch statistics, no dropout), the cross-entropy loss and every parameter's
gradient (grad.*), the running statistics after that step (after.*) and the eval-mode logits that use them. The
Java test SequenceClassifierParityTest must match them to 1e-5.
"""
import hashlib
import os
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "augur-core", "src", "test", "resources", "parity")


def script_sha256():
    """This script's SHA-256, written beside its fixtures: ParityProvenanceTest checks they come from this version."""
    with open(os.path.abspath(__file__), "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


class TemporalCnnLstm(nn.Module):
    def __init__(self, features, classes, w):
        super().__init__()
        self.conv = nn.ModuleList([nn.Conv1d(features, w, 5, padding=2), nn.Conv1d(w, 2 * w, 5, padding=2),
                                   nn.Conv1d(2 * w, 4 * w, 3, padding=1)])
        self.norm = nn.ModuleList([nn.BatchNorm1d(w), nn.BatchNorm1d(2 * w), nn.BatchNorm1d(4 * w)])
        self.lstm = nn.LSTM(4 * w, 2 * w, num_layers=2, batch_first=True, bidirectional=True)
        self.projection = nn.Linear(4 * w, 2 * w)
        self.score = nn.Linear(2 * w, 1, bias=False)
        self.head = nn.ModuleList([nn.Linear(4 * w, 2 * w), nn.Linear(2 * w, w), nn.Linear(w, classes)])

    def forward(self, x):
        x = x.transpose(1, 2)
        for i in range(3):
            x = F.relu(self.norm[i](self.conv[i](x)))
            if i < 2:
                x = F.max_pool1d(x, 2)
        h, _ = self.lstm(x.transpose(1, 2))
        alpha = torch.softmax(self.score(torch.tanh(self.projection(h))).squeeze(2), dim=1)
        context = (h * alpha.unsqueeze(2)).sum(1)
        return self.head[2](F.relu(self.head[1](F.relu(self.head[0](context)))))


class Conv1dBaseline(nn.Module):
    def __init__(self, features, classes, w):
        super().__init__()
        self.conv = nn.ModuleList([nn.Conv1d(features, w, 5, padding=2), nn.Conv1d(w, w, 5, padding=2),
                                   nn.Conv1d(w, w, 5, padding=2)])
        self.norm = nn.ModuleList([nn.BatchNorm1d(w) for _ in range(3)])
        self.head = nn.Linear(w, classes)

    def forward(self, x):
        x = x.transpose(1, 2)
        for i in range(3):
            x = F.relu(self.norm[i](self.conv[i](x)))
        return self.head(x.max(dim=2).values)


# Each case multiplies its cross-entropy by a loss_scale, the least that makes every compared gradient peak above
# 1e-3 (the CNN-LSTM's attention gradients peak near 1e-6 otherwise): an elementwise tolerance of 1e-5 + 1e-4|b|
# means nothing on smaller tensors, and a larger scale would make the 1e-5 stricter than float32 sums allow.
# A bias just before BatchNorm (training mode) has a zero gradient by construction: the normalisation subtracts
# any constant added before it. PyTorch's are ~1e-10 of rounding; there is nothing to compare.
ZERO_BY_CONSTRUCTION = {"conv.0.bias", "conv.1.bias", "conv.2.bias"}

def augur_names(model):
    """(augur name, tensor producing it, is a parameter) for every weight and buffer."""
    out = []
    for i in range(3):
        out.append(("conv.%d.weight" % i, lambda m, i=i: m.conv[i].weight, True))
        out.append(("conv.%d.bias" % i, lambda m, i=i: m.conv[i].bias, True))
        out.append(("norm.%d.weight" % i, lambda m, i=i: m.norm[i].weight.reshape(1, -1, 1, 1), True))
        out.append(("norm.%d.bias" % i, lambda m, i=i: m.norm[i].bias.reshape(1, -1, 1, 1), True))
        out.append(("norm.%d.running_mean" % i, lambda m, i=i: m.norm[i].running_mean, False))
        out.append(("norm.%d.running_var" % i, lambda m, i=i: m.norm[i].running_var, False))
    if isinstance(model, TemporalCnnLstm):
        for layer in range(2):
            for direction, suffix in (("forward", ""), ("backward", "_reverse")):
                p = "l%d%s" % (layer, suffix)
                out.append(("lstm.%d.%s.conv.weight" % (layer, direction),
                            lambda m, p=p: torch.cat([getattr(m.lstm, "weight_ih_" + p), getattr(m.lstm, "weight_hh_" + p)],
                                                     1)[:, :, None, None], True))
                out.append(("lstm.%d.%s.conv.bias" % (layer, direction),
                            lambda m, p=p: getattr(m.lstm, "bias_ih_" + p) + getattr(m.lstm, "bias_hh_" + p), True))
        out.append(("attention.projection.weight", lambda m: m.projection.weight, True))
        out.append(("attention.projection.bias", lambda m: m.projection.bias, True))
        out.append(("attention.score.weight", lambda m: m.score.weight, True))
        for i in range(3):
            out.append(("head.%d.weight" % i, lambda m, i=i: m.head[i].weight, True))
            out.append(("head.%d.bias" % i, lambda m, i=i: m.head[i].bias, True))
    else:
        out.append(("head.weight", lambda m: m.head.weight, True))
        out.append(("head.bias", lambda m: m.head.bias, True))
    return out


def make_case(name, model, batch, window, features, classes, seed, loss_scale=1.0):
    torch.manual_seed(seed)
    for norm in model.norm:
        norm.running_mean.uniform_(-0.5, 0.5)
        norm.running_var.uniform_(0.5, 1.5)
        norm.weight.data.uniform_(0.5, 1.5)
        norm.bias.data.uniform_(-0.2, 0.2)
    x = torch.randn(batch, window, features)
    y = torch.randint(0, classes, (batch,))
    d = os.path.join(OUT, name)
    os.makedirs(d, exist_ok=True)
    names = augur_names(model)
    for n, get, _ in names:
        np.save(os.path.join(d, "w.%s.npy" % n), get(model).detach().numpy().astype(np.float32))
    model.train()
    logits = model(x)
    loss = F.cross_entropy(logits, y) * loss_scale
    loss.backward()
    # gradients in Augur's layout: recompute each name's tensor from the parameters' gradients
    grads = {}
    with torch.no_grad():
        for n, get, is_param in names:
            if not is_param:
                continue
            if n.startswith("lstm.") and n.endswith(".bias"):
                p = "l%s%s" % (n.split(".")[1], "" if ".forward." in n else "_reverse")
                grads[n] = getattr(model.lstm, "bias_ih_" + p).grad  # d loss / d (b_ih + b_hh) = d loss / d b_ih
            elif n.startswith("lstm."):
                p = "l%s%s" % (n.split(".")[1], "" if ".forward." in n else "_reverse")
                grads[n] = torch.cat([getattr(model.lstm, "weight_ih_" + p).grad,
                                      getattr(model.lstm, "weight_hh_" + p).grad], 1)[:, :, None, None]
            else:
                grads[n] = gradient_of(model, n)
    for n, g in grads.items():
        if n in ZERO_BY_CONSTRUCTION:
            continue  # checked to be ~0 in Augur instead (SequenceClassifierParityTest)
        if float(g.abs().max()) <= 1e-3:
            sys.exit("%s: the gradient of %s peaks at %.2e: raise loss_scale" % (name, n, float(g.abs().max())))
        np.save(os.path.join(d, "grad.%s.npy" % n), g.numpy().astype(np.float32))
    for n, get, is_param in names:
        if not is_param:
            np.save(os.path.join(d, "after.%s.npy" % n), get(model).detach().numpy().astype(np.float32))
    model.eval()
    with torch.no_grad():
        eval_logits = model(x)
    np.save(os.path.join(d, "windows.npy"), x.numpy().astype(np.float32))
    np.save(os.path.join(d, "labels.npy"), y.numpy().astype(np.float32))
    np.save(os.path.join(d, "logits_train.npy"), logits.detach().numpy().astype(np.float32))
    np.save(os.path.join(d, "logits_eval.npy"), eval_logits.numpy().astype(np.float32))
    np.save(os.path.join(d, "loss.npy"), np.array([loss.item()], dtype=np.float32))
    with open(os.path.join(d, "case.txt"), "w") as f:
        f.write("script=reference/behavior_reference.py sha256=%s\n" % script_sha256())
        f.write("%s batch=%d window=%d features=%d classes=%d seed=%d torch=%s loss_scale=%g\n"
                % (name, batch, window, features, classes, seed, torch.__version__, loss_scale))


def gradient_of(model, n):
    parts = n.split(".")
    if parts[0] in ("conv", "norm", "head") and len(parts) == 3:
        module = getattr(model, parts[0])[int(parts[1])]
        g = getattr(module, parts[2]).grad
        return g.reshape(1, -1, 1, 1) if parts[0] == "norm" else g
    if parts[0] == "head":
        return getattr(model.head, parts[1]).grad
    if parts[0] == "attention":
        return getattr(getattr(model, parts[1]), parts[2]).grad
    raise ValueError(n)


if __name__ == "__main__":
    torch.manual_seed(0)
    make_case("cnn_lstm", TemporalCnnLstm(6, 4, 4), batch=3, window=12, features=6, classes=4, seed=1,
              loss_scale=2000.0)
    torch.manual_seed(0)
    make_case("conv1d", Conv1dBaseline(6, 4, 5), batch=3, window=9, features=6, classes=4, seed=2)
