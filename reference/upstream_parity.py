#!/usr/bin/env python3
"""Parity fixtures from the upstream projects' own modules, beside ours (reference/cells_reference.py).

    /usr/bin/python3 reference/upstream_parity.py --predrnn-pytorch DIR --openstl DIR

DIR is a checkout of thuml/predrnn-pytorch or chengtan9907/OpenSTL (fetched to run, never committed). For every
case below, the weights, clip and mask of our fixture are loaded into the upstream module, which computes the
predictions, the loss (MSE x LOSS_SCALE, as ours) and every gradient; they are written as upstream.* files into the
fixture's folder, where RecurrentParityTest compares Augur with them to |a - b| <= 1e-5 + 1e-4 |b|.

Cases:
  predrnn_plain      predrnn-pytorch's whole RNN (core/models/predrnn.py: its loop, scheduled sampling, patching,
                     1x1 decoder) with its SpatioTemporalLSTMCell; every weight and gradient; and the network
                     saved as upstream saves it (upstream.model.ckpt-1: {'net_param': state_dict}).
  convlstm_openstl   OpenSTL's ConvLSTMCell (openstl/modules/convlstm_modules.py) in OpenSTL's ConvLSTM loop
                     (openstl/models/convlstm_model.py, re-typed here: the model class needs its config system).
                     OpenSTL's cell has separate bias-free convolutions of X and H; ours is one convolution of
                     [X, H] with a bias. The case is written with a zero bias, and our weight split in two; the
                     bias gradient is compared with ours too (OpenSTL has no bias, so upstream's is the gradient
                     of a zero bias added in the same place: i.e. the sum of the gate gradients).
  predrnn_openstl    OpenSTL's SpatioTemporalLSTMCell (openstl/modules/predrnn_modules.py) in the same loop as
                     predrnn-pytorch's, on predrnn_plain's weights.
  predrnn_plus       OpenSTL's CausalLSTMCell and GHU (openstl/modules/predrnnpp_modules.py) in OpenSTL's PredRNN++
                     loop (openstl/models/predrnnpp_model.py, re-typed: the highway between layers 0 and 1), on our
                     predrnn_plus fixture (no layer norm: OpenSTL's GHU fails with one). OpenSTL's cells also hold
                     a conv_o their forward pass never uses: it gets no weights and no gradient.
E3D-LSTM is not compared with upstream: our cell departs from the official one on purpose (docs/ARCHITECTURE.md).
"""
import argparse
import hashlib
import importlib.util
import os
import subprocess
import sys
from types import SimpleNamespace

import numpy as np
import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
PARITY = os.path.join(HERE, "..", "augur-core", "src", "test", "resources", "parity")
sys.path.insert(0, HERE)
import cells_reference as ours  # noqa: E402  (the generator of our fixtures: the same weights and inputs)


def load_module(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def fixture(case):
    d = os.path.join(PARITY, case)
    w = {f[2:-4]: torch.from_numpy(np.load(os.path.join(d, f))) for f in os.listdir(d) if f.startswith("w.")}
    return d, w, torch.from_numpy(np.load(os.path.join(d, "clip.npy"))), \
        torch.from_numpy(np.load(os.path.join(d, "mask.npy")))


def provenance(repo, module_file):
    """What made a fixture: this script's SHA-256, the upstream module file's, and the upstream commit if known."""
    def sha(path):
        with open(path, "rb") as f:
            return hashlib.sha256(f.read()).hexdigest()
    commit = os.environ.get("UPSTREAM_COMMIT") or subprocess.run(
        ["git", "-C", repo, "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip() or "unknown"
    return "script=reference/upstream_parity.py sha256=%s\nupstream=%s sha256=%s commit=%s\n" % (
        sha(os.path.abspath(__file__)), os.path.relpath(module_file, repo), sha(module_file), commit)


def save(d, pred, loss, grads, made_by=None):
    if made_by:
        with open(os.path.join(d, "upstream.provenance.txt"), "w") as f:
            f.write(made_by)
    np.save(os.path.join(d, "upstream.predictions.npy"), pred.detach().numpy().astype(np.float32))
    np.save(os.path.join(d, "upstream.loss.npy"), np.array([loss.item()], dtype=np.float32))
    for k, g in grads.items():
        np.save(os.path.join(d, "upstream.grad.%s.npy" % k), g.detach().numpy().astype(np.float32))
    smallest = min((float(g.abs().max()), k) for k, g in grads.items())
    if smallest[0] <= 1e-3:
        sys.exit("%s: upstream's gradient of %s peaks at %.2e" % (d, smallest[1], smallest[0]))
    print("wrote upstream fixture", os.path.basename(d), "loss", loss.item(), "smallest gradient max %.2e" %
          smallest[0])


def predrnn_pytorch_rnn(repo):
    """predrnn-pytorch's RNN on predrnn_plain: 2 layers of 6, filter 3, patch 2, 8x8 frames, input length 3."""
    sys.path.insert(0, repo)
    from core.models.predrnn import RNN  # noqa: E402
    d, w, clip, mask = fixture("predrnn_plain")
    b, t_total, c, size, _ = clip.shape
    patch, hidden, input_length = 2, [6, 6], 3
    configs = SimpleNamespace(patch_size=patch, img_channel=c, img_width=size, filter_size=3, stride=1,
                              layer_norm=False, device="cpu", total_length=t_total, input_length=input_length,
                              reverse_scheduled_sampling=0)
    net = RNN(len(hidden), hidden, configs)
    names = {}
    for layer in range(len(hidden)):
        for conv in ("conv_x", "conv_h", "conv_m", "conv_o"):
            names["cell_list.%d.%s.0.weight" % (layer, conv)] = "stack.%d.%s.weight" % (layer, conv)
        names["cell_list.%d.conv_last.weight" % layer] = "stack.%d.conv_last.weight" % layer
    names["conv_last.weight"] = "decoder.weight"
    params = dict(net.named_parameters())
    assert set(params) == set(names), sorted(set(params) ^ set(names))
    with torch.no_grad():
        for theirs, mine in names.items():
            params[theirs].copy_(w[mine])
    # the checkpoint upstream's own save() writes (core/models/model_factory.py), for CheckpointImportTest
    torch.save({"net_param": net.state_dict()}, os.path.join(d, "upstream.model.ckpt-1"))
    # upstream's layout: patched frames, channels last (reshape_patch), and a per-pixel mask
    frames = clip.reshape(b, t_total, c, size // patch, patch, size // patch, patch)
    frames = frames.permute(0, 1, 3, 5, 4, 6, 2).reshape(b, t_total, size // patch, size // patch, patch * patch * c)
    mask_true = mask.reshape(b, -1, 1, 1, 1).expand(-1, -1, size // patch, size // patch, patch * patch * c)
    next_frames, loss = net(frames, mask_true.contiguous())
    loss = loss * ours.LOSS_SCALE
    loss.backward()
    # back to [B, T-1, C, H, W]
    pred = next_frames.reshape(b, t_total - 1, size // patch, size // patch, patch, patch, c)
    pred = pred.permute(0, 1, 6, 2, 4, 3, 5).reshape(b, t_total - 1, c, size, size)
    save(d, pred, loss, {mine: params[theirs].grad for theirs, mine in names.items()},
         provenance(repo, os.path.join(repo, "core", "models", "predrnn.py")))
    sys.path.remove(repo)


def cell_loop(step, frames, mask, hidden, input_length, decoder, zig_zag):
    """OpenSTL's ConvLSTM/PredRNN models' loop (the same as predrnn-pytorch's): teacher forcing for the input
    frames, then scheduled sampling between the true frame and the last prediction; a 1x1 decoder."""
    b, t_total = frames.shape[:2]
    hp, wp = frames.shape[-2:]
    h = [torch.zeros(b, n, hp, wp) for n in hidden]
    c = [torch.zeros(b, n, hp, wp) for n in hidden]
    m = torch.zeros(b, hidden[0], hp, wp)
    preds, gen = [], None
    for t in range(t_total - 1):
        net = ours.scheduled_input(frames, mask, t, input_length, gen)
        x = net
        for layer in range(len(hidden)):
            if zig_zag:
                h[layer], c[layer], m = step(layer, x, h[layer], c[layer], m)
            else:
                h[layer], c[layer] = step(layer, x, h[layer], c[layer])
            x = h[layer]
        gen = decoder(x)
        preds.append(gen)
    return torch.stack(preds, 1)


def openstl_convlstm(repo):
    """OpenSTL's ConvLSTMCell on a fixture of ours with a zero bias (2 layers of 8, filter 3, patch 2)."""
    module_file = os.path.join(repo, "openstl", "modules", "convlstm_modules.py")
    mod = load_module(module_file, "openstl_convlstm")
    d, w, clip, mask = fixture("convlstm_openstl")
    patch, hidden, input_length = 2, [8, 8], 3
    b, t_total = clip.shape[:2]
    frames = F.pixel_unshuffle(clip.flatten(0, 1), patch).unflatten(0, (b, t_total))
    hp = frames.shape[-1]
    cells = []
    inp = frames.shape[2]
    for layer, n in enumerate(hidden):
        cell = mod.ConvLSTMCell(inp, n, hp, hp, 3, 1, False)
        weight = w["stack.%d.conv.weight" % layer]
        assert float(w["stack.%d.conv.bias" % layer].abs().max()) == 0.0
        with torch.no_grad():
            cell.conv_x[0].weight.copy_(weight[:, :inp])
            cell.conv_h[0].weight.copy_(weight[:, inp:])
        cells.append(cell)
        inp = n
    decoder = w["decoder.weight"].clone().requires_grad_(True)
    # a zero bias in the place of ours, so that its gradient can be compared too
    biases = [torch.zeros(4 * n, requires_grad=True) for n in hidden]

    def step(layer, x, h, c):
        cell = cells[layer]
        x_concat = cell.conv_x(x) + biases[layer].reshape(1, -1, 1, 1)
        return _openstl_convlstm_forward(cell, x_concat, h, c)

    pred = cell_loop(step, frames, mask, hidden, input_length, lambda x: F.conv2d(x, decoder), False)
    pred = F.pixel_shuffle(pred.flatten(0, 1), patch).unflatten(0, (b, t_total - 1))
    loss = F.mse_loss(pred, clip[:, 1:]) * ours.LOSS_SCALE
    loss.backward()
    grads = {"decoder.weight": decoder.grad}
    for layer, cell in enumerate(cells):
        grads["stack.%d.conv.weight" % layer] = torch.cat([cell.conv_x[0].weight.grad, cell.conv_h[0].weight.grad], 1)
        grads["stack.%d.conv.bias" % layer] = biases[layer].grad
    save(d, pred, loss, grads, provenance(repo, module_file))


def _openstl_convlstm_forward(cell, x_concat, h_t, c_t):
    """OpenSTL's ConvLSTMCell.forward, line for line, given conv_x(x) (plus our zero bias) computed outside."""
    h_concat = cell.conv_h(h_t)
    i_x, f_x, g_x, o_x = torch.split(x_concat, cell.num_hidden, dim=1)
    i_h, f_h, g_h, o_h = torch.split(h_concat, cell.num_hidden, dim=1)
    i_t = torch.sigmoid(i_x + i_h)
    f_t = torch.sigmoid(f_x + f_h)
    g_t = torch.tanh(g_x + g_h)
    c_new = f_t * c_t + i_t * g_t
    o_t = torch.sigmoid(o_x + o_h)
    return o_t * torch.tanh(c_new), c_new


def openstl_predrnn(repo):
    """OpenSTL's SpatioTemporalLSTMCell in the shared loop, on predrnn_plain's weights (a second upstream)."""
    module_file = os.path.join(repo, "openstl", "modules", "predrnn_modules.py")
    mod = load_module(module_file, "openstl_predrnn")
    d, w, clip, mask = fixture("predrnn_plain")
    patch, hidden, input_length = 2, [6, 6], 3
    b, t_total = clip.shape[:2]
    frames = F.pixel_unshuffle(clip.flatten(0, 1), patch).unflatten(0, (b, t_total))
    hp = frames.shape[-1]
    cells, inp = [], frames.shape[2]
    for layer, n in enumerate(hidden):
        cell = mod.SpatioTemporalLSTMCell(inp, n, hp, hp, 3, 1, False)
        with torch.no_grad():
            for conv in ("conv_x", "conv_h", "conv_m", "conv_o"):
                getattr(cell, conv)[0].weight.copy_(w["stack.%d.%s.weight" % (layer, conv)])
            cell.conv_last.weight.copy_(w["stack.%d.conv_last.weight" % layer])
        cells.append(cell)
        inp = n
    decoder = w["decoder.weight"].clone().requires_grad_(True)
    pred = cell_loop(lambda layer, x, h, c, m: cells[layer](x, h, c, m), frames, mask, hidden, input_length,
                     lambda x: F.conv2d(x, decoder), True)
    pred = F.pixel_shuffle(pred.flatten(0, 1), patch).unflatten(0, (b, t_total - 1))
    loss = F.mse_loss(pred, clip[:, 1:]) * ours.LOSS_SCALE
    loss.backward()
    grads = {"decoder.weight": decoder.grad}
    for layer, cell in enumerate(cells):
        for conv in ("conv_x", "conv_h", "conv_m", "conv_o"):
            grads["stack.%d.%s.weight" % (layer, conv)] = getattr(cell, conv)[0].weight.grad
        grads["stack.%d.conv_last.weight" % layer] = cell.conv_last.weight.grad
    d2 = os.path.join(PARITY, "predrnn_plain", "openstl")
    os.makedirs(d2, exist_ok=True)
    save(d2, pred, loss, grads, provenance(repo, module_file))


def openstl_predrnnpp(repo):
    """OpenSTL's PredRNN++ modules on our predrnn_plus fixture (3 layers of 6, filter 3, patch 2)."""
    module_file = os.path.join(repo, "openstl", "modules", "predrnnpp_modules.py")
    mod = load_module(module_file, "openstl_predrnnpp")
    d, w, clip, mask = fixture("predrnn_plus")
    patch, hidden, input_length = 2, [6, 6, 6], 3
    b, t_total = clip.shape[:2]
    frames = F.pixel_unshuffle(clip.flatten(0, 1), patch).unflatten(0, (b, t_total))
    hp = frames.shape[-1]
    convs = ("conv_x", "conv_h", "conv_c", "conv_m", "conv_c2m", "conv_om")
    cells, inp = [], frames.shape[2]
    for layer, n in enumerate(hidden):
        cell = mod.CausalLSTMCell(inp, n, hp, hp, 3, 1, False)
        with torch.no_grad():
            for conv in convs:
                getattr(cell, conv)[0].weight.copy_(w["stack.%d.%s.weight" % (layer, conv)])
            cell.conv_last.weight.copy_(w["stack.%d.conv_last.weight" % layer])
        cells.append(cell)
        inp = n
    ghu = mod.GHU(hidden[0], hidden[0], hp, hp, 3, 1, False)
    with torch.no_grad():
        for conv in ("z_concat", "x_concat"):
            getattr(ghu, conv)[0].weight.copy_(w["stack.1.highway.%s.weight" % conv])
    decoder = w["decoder.weight"].clone().requires_grad_(True)
    # OpenSTL's PredRNNpp_Model.forward, re-typed (scheduled sampling as in cell_loop)
    h = [torch.zeros(b, n, hp, hp) for n in hidden]
    c = [torch.zeros(b, n, hp, hp) for n in hidden]
    memory, z, gen, preds = torch.zeros(b, hidden[0], hp, hp), None, None, []
    for t in range(t_total - 1):
        net = ours.scheduled_input(frames, mask, t, input_length, gen)
        h[0], c[0], memory = cells[0](net, h[0], c[0], memory)
        z = ghu(h[0], z)
        h[1], c[1], memory = cells[1](z, h[1], c[1], memory)
        for i in range(2, len(hidden)):
            h[i], c[i], memory = cells[i](h[i - 1], h[i], c[i], memory)
        gen = F.conv2d(h[-1], decoder)
        preds.append(gen)
    pred = torch.stack(preds, 1)
    pred = F.pixel_shuffle(pred.flatten(0, 1), patch).unflatten(0, (b, t_total - 1))
    loss = F.mse_loss(pred, clip[:, 1:]) * ours.LOSS_SCALE
    loss.backward()
    grads = {"decoder.weight": decoder.grad}
    for layer, cell in enumerate(cells):
        for conv in convs:
            grads["stack.%d.%s.weight" % (layer, conv)] = getattr(cell, conv)[0].weight.grad
        grads["stack.%d.conv_last.weight" % layer] = cell.conv_last.weight.grad
    for conv in ("z_concat", "x_concat"):
        grads["stack.1.highway.%s.weight" % conv] = getattr(ghu, conv)[0].weight.grad
    save(d, pred, loss, grads, provenance(repo, module_file))


if __name__ == "__main__":
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--predrnn-pytorch", required=True, help="checkout of thuml/predrnn-pytorch")
    p.add_argument("--openstl", required=True, help="checkout of chengtan9907/OpenSTL")
    p.add_argument("cases", nargs="*", help="only these cases (default: all)")
    a = p.parse_args()
    torch.set_num_threads(max(1, os.cpu_count() or 1))
    cases = {"predrnn_plain": lambda: predrnn_pytorch_rnn(a.predrnn_pytorch),
             "convlstm_openstl": lambda: openstl_convlstm(a.openstl),
             "predrnn_openstl": lambda: openstl_predrnn(a.openstl),
             "predrnn_plus": lambda: openstl_predrnnpp(a.openstl)}
    for case in a.cases or list(cases):
        cases[case]()
