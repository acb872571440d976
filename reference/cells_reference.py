#!/usr/bin/env python3
"""PyTorch reference of Augur's recurrent stacks (ConvLSTM, PredRNN's ST-LSTM, the PredRNN paper's Eq. 3
"ConvLSTM with spatiotemporal memory flow"), used to write golden parity fixtures.

Run with Debian's python3-torch (/usr/bin/python3 reference/cells_reference.py). It writes, per case, the
weights (named as Augur's Weights), a clip, a scheduled-sampling mask, the predictions of frames 1..T-1, the
MSE loss against the true frames and the gradient of that loss for every weight, each as a .npy file under
augur-core/src/test/resources/parity/<case>/. The Java test RecurrentParityTest loads them and must match every
element to |a - b| <= 1e-5 + 1e-4 |b|. The loss is the MSE times LOSS_SCALE, so that every compared tensor has a
maximum above 1e-3 (checked here and in the test): a tolerance means nothing on a tensor smaller than itself.
"""
import hashlib
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

LOSS_SCALE = 100.0
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "augur-core", "src", "test", "resources", "parity")


def scheduled_input(frames, mask, t, input_length, gen):
    """predrnn-pytorch's input at step t: the true frame while given, then the mask's pick of truth or prediction."""
    if t < input_length:
        return frames[:, t]
    mt = mask[:, t - input_length].reshape(-1, 1, 1, 1)
    return mt * frames[:, t] + (1 - mt) * gen


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


def normed_conv(w, name, x, layer_norm):
    """predrnn-pytorch's nn.Sequential(Conv2d(bias=False), LayerNorm([C, H, W]))."""
    k = w[name + ".weight"].shape[-1]
    y = F.conv2d(x, w[name + ".weight"], padding=k // 2)
    if layer_norm:
        y = F.layer_norm(y, y.shape[1:], w[name + ".norm.weight"], w[name + ".norm.bias"], eps=1e-5)
    return y


def stlstm_step(w, name, x, h, c, m, layer_norm):
    """PredRNN Eq. 4, as predrnn-pytorch's SpatioTemporalLSTMCell (forget bias 1)."""
    n = h.shape[1]
    i_x, f_x, g_x, ip_x, fp_x, gp_x, o_x = torch.split(normed_conv(w, name + ".conv_x", x, layer_norm), n, 1)
    i_h, f_h, g_h, o_h = torch.split(normed_conv(w, name + ".conv_h", h, layer_norm), n, 1)
    i_m, f_m, g_m = torch.split(normed_conv(w, name + ".conv_m", m, layer_norm), n, 1)
    c_new = torch.sigmoid(f_x + f_h + 1.0) * c + torch.sigmoid(i_x + i_h) * torch.tanh(g_x + g_h)
    m_new = torch.sigmoid(fp_x + f_m + 1.0) * m + torch.sigmoid(ip_x + i_m) * torch.tanh(gp_x + g_m)
    mem = torch.cat([c_new, m_new], 1)
    o = torch.sigmoid(o_x + o_h + normed_conv(w, name + ".conv_o", mem, layer_norm))
    return o * torch.tanh(F.conv2d(mem, w[name + ".conv_last.weight"])), c_new, m_new


def causal_step(w, name, x, h, c, m, layer_norm):
    """PredRNN++ Eq. 1, as OpenSTL's CausalLSTMCell (forget bias 1; its unused conv_o left out)."""
    n = h.shape[1]
    i_x, f_x, g_x, ip_x, fp_x, gp_x, o_x = torch.split(normed_conv(w, name + ".conv_x", x, layer_norm), n, 1)
    i_h, f_h, g_h, o_h = torch.split(normed_conv(w, name + ".conv_h", h, layer_norm), n, 1)
    i_c, f_c, g_c = torch.split(normed_conv(w, name + ".conv_c", c, layer_norm), n, 1)
    i_m, f_m, m_m = torch.split(normed_conv(w, name + ".conv_m", m, layer_norm), n, 1)
    c_new = torch.sigmoid(f_x + f_h + f_c + 1.0) * c + torch.sigmoid(i_x + i_h + i_c) * torch.tanh(g_x + g_h + g_c)
    ip_c, gp_c, fp_c, o_c = torch.split(normed_conv(w, name + ".conv_c2m", c_new, layer_norm), n, 1)
    m_new = torch.sigmoid(fp_x + f_m + fp_c + 1.0) * torch.tanh(m_m) + torch.sigmoid(ip_x + i_m + ip_c) * torch.tanh(
        gp_x + gp_c)
    o = torch.tanh(o_x + o_h + o_c + normed_conv(w, name + ".conv_om", m_new, layer_norm))
    mem = torch.cat([c_new, m_new], 1)
    return o * torch.tanh(F.conv2d(mem, w[name + ".conv_last.weight"])), c_new, m_new


def ghu_step(w, name, x, z, layer_norm):
    """PredRNN++ Eq. 2, as OpenSTL's GHU (a norm over its 2n channels where OpenSTL's would fail)."""
    n = z.shape[1]
    p, u = torch.split(normed_conv(w, name + ".x_concat", x, layer_norm) + normed_conv(w, name + ".z_concat", z,
                                                                                        layer_norm), n, 1)
    u = torch.sigmoid(u)
    return u * torch.tanh(p) + (1 - u) * z


def memory_flow_step(w, name, x, h_below, m, bottom):
    """PredRNN paper Eq. 3: gates from X (bottom layer only) and H^{l-1}, Hadamard terms on M."""
    k = w[name + ".conv.weight"].shape[-1]
    z = F.conv2d(x, w[name + ".conv.weight"], w[name + ".conv.bias"], padding=k // 2)
    if bottom:
        z = z + F.conv2d(h_below, w[name + ".conv_top.weight"], padding=k // 2)
    i, f, g, o = torch.split(z, z.shape[1] // 4, dim=1)
    i = torch.sigmoid(i + m * w[name + ".memory_i"])
    f = torch.sigmoid(f + m * w[name + ".memory_f"])
    m_new = f * m + i * torch.tanh(g)
    o = torch.sigmoid(o + m_new * w[name + ".memory_o"])
    return o * torch.tanh(m_new), m_new


def conv3d_same(w, name, x, temporal=2):
    """TensorFlow 'same' padding as e3d_lstm: spatial k//2 each side, kt-1 zero frames after the window."""
    k = w[name + ".weight"].shape[-1]
    x = F.pad(x, (k // 2, k // 2, k // 2, k // 2, 0, temporal - 1))
    return F.conv3d(x, w[name + ".weight"], w[name + ".bias"])


def tf_layer_norm(w, name, x):
    """tf.contrib.layers.layer_norm: over all but the batch, eps 1e-12, scale and shift per channel."""
    y = F.layer_norm(x, x.shape[1:], eps=1e-12)
    return y * w[name + ".gamma"] + w[name + ".beta"]


def e3d_step(w, name, x, h, c, history, m, layer_norm):
    """E3D-LSTM cell (google/e3d_lstm EideticLSTMCell) without its bug: M' is returned, not M."""
    n = h.shape[1]
    hh = conv3d_same(w, name + ".conv_h", h)
    xx = conv3d_same(w, name + ".conv_x", x)
    mm = conv3d_same(w, name + ".conv_m", m)
    if layer_norm:
        hh = tf_layer_norm(w, name + ".norm_h", hh)
        xx = tf_layer_norm(w, name + ".norm_x", xx)
        mm = tf_layer_norm(w, name + ".norm_m", mm)
    i_h, g_h, r_h, o_h = torch.split(hh, n, 1)
    i_x, g_x, r_x, o_x, ip_x, gp_x, fp_x = torch.split(xx, n, 1)
    i_m, f_m, g_m, m_m = torch.split(mm, n, 1)
    i = torch.sigmoid(i_x + i_h)
    r = torch.sigmoid(r_x + r_h)
    g = torch.tanh(g_x + g_h)
    b = r.shape[0]
    q = r.permute(0, 2, 3, 4, 1).reshape(b, -1, n)
    k = history.permute(0, 2, 3, 4, 1).reshape(b, -1, n)
    attn = torch.softmax(q @ k.transpose(1, 2), dim=2) @ k
    attn = attn.reshape(b, r.shape[2], r.shape[3], r.shape[4], n).permute(0, 4, 1, 2, 3)
    c_new = tf_layer_norm(w, name + ".norm_recall", c + attn) + i * g
    m_new = torch.sigmoid(fp_x + f_m + 1.0) * torch.tanh(m_m) + torch.sigmoid(ip_x + i_m) * torch.tanh(gp_x + g_m)
    o = torch.tanh(o_x + o_h + conv3d_same(w, name + ".conv_oc", c_new) + conv3d_same(w, name + ".conv_om", m_new))
    h_new = torch.tanh(F.conv3d(torch.cat([c_new, m_new], 1), w[name + ".conv_last.weight"],
                                w[name + ".conv_last.bias"])) * torch.sigmoid(o)
    return h_new, c_new, m_new


def e3d_rollout(w, clip, mask, hidden, patch, input_length, residual, layer_norm):
    b, t_total = clip.shape[:2]
    frames = F.pixel_unshuffle(clip.flatten(0, 1), patch).unflatten(0, (b, t_total))
    hp, wp = frames.shape[-2:]
    h = [torch.zeros(b, n, 2, hp, wp) for n in hidden]
    c = [torch.zeros(b, n, 2, hp, wp) for n in hidden]
    hist = [None for _ in hidden]
    m = torch.zeros(b, hidden[0], 2, hp, wp)
    prev = torch.zeros_like(frames[:, 0])
    preds, gen = [], None
    for t in range(t_total - 1):
        net = scheduled_input(frames, mask, t, input_length, gen)
        x = torch.stack([prev, net], 2)
        prev = net
        for layer in range(len(hidden)):
            hist[layer] = c[layer] if hist[layer] is None else torch.cat([hist[layer], c[layer]], 2)
            h[layer], c[layer], m = e3d_step(w, "stack.%d" % layer, x, h[layer], c[layer], hist[layer], m, layer_norm)
            same = x.shape[1] == h[layer].shape[1]
            x = h[layer] + x if residual and layer > 0 and same else h[layer]
        gen = F.conv3d(x, w["decoder.weight"], w["decoder.bias"], stride=(2, 1, 1)).squeeze(2)
        preds.append(gen)
    out = torch.stack(preds, 1)
    return F.pixel_shuffle(out.flatten(0, 1), patch).unflatten(0, (b, t_total - 1))


def rollout(w, clip, mask, hidden, patch, input_length, peephole, residual, cell="convlstm", layer_norm=False):
    b, t_total = clip.shape[:2]
    frames = F.pixel_unshuffle(clip.flatten(0, 1), patch).unflatten(0, (b, t_total))
    hp, wp = frames.shape[-2:]
    h = [torch.zeros(b, n, hp, wp) for n in hidden]
    c = [torch.zeros(b, n, hp, wp) for n in hidden]
    m = torch.zeros(b, hidden[0], hp, wp)  # the zig-zag memory (predrnn, memory_flow)
    top = torch.zeros(b, hidden[0], hp, wp)  # memory_flow: the top layer's H at t-1
    z = torch.zeros(b, hidden[0], hp, wp)  # predrnn_plus: the gradient highway's state
    preds, gen = [], None
    for t in range(t_total - 1):
        net = scheduled_input(frames, mask, t, input_length, gen)
        x = net
        for layer in range(len(hidden)):
            name = "stack.%d" % layer
            if cell == "convlstm":
                h[layer], c[layer] = convlstm_step(w, name, x, h[layer], c[layer], peephole)
            elif cell == "predrnn":
                h[layer], c[layer], m = stlstm_step(w, name, x, h[layer], c[layer], m, layer_norm)
            elif cell == "predrnn_plus":
                if layer == 1:
                    z = ghu_step(w, name + ".highway", x, z, layer_norm)
                    x = z
                h[layer], c[layer], m = causal_step(w, name, x, h[layer], c[layer], m, layer_norm)
            else:
                h[layer], m = memory_flow_step(w, name, x, top, m, layer == 0)
                top = h[layer]
            same = x.shape[1] == h[layer].shape[1]
            x = h[layer] + x if residual and layer > 0 and same else h[layer]
        gen = F.conv2d(x, w["decoder.weight"])  # the top output, residual link included
        preds.append(gen)
    out = torch.stack(preds, 1)
    return F.pixel_shuffle(out.flatten(0, 1), patch).unflatten(0, (b, t_total - 1))


def make_weights(g, cell, cp, hp, hidden, filt, peephole, layer_norm):
    w = {}
    inp = cp
    for layer, n in enumerate(hidden):
        s = "stack.%d" % layer
        if cell == "e3d_lstm":
            for conv, cin, cout, kt, k in (("conv_h", n, 4 * n, 2, filt), ("conv_x", inp, 7 * n, 2, filt),
                                           ("conv_m", n, 4 * n, 2, filt), ("conv_oc", n, n, 2, filt),
                                           ("conv_om", n, n, 2, filt), ("conv_last", 2 * n, n, 1, 1)):
                w[s + "." + conv + ".weight"] = torch.randn(cout, cin, kt, k, k, generator=g) * 0.15
                w[s + "." + conv + ".bias"] = torch.randn(cout, generator=g) * 0.1
            norms = (("norm_h", 4 * n), ("norm_x", 7 * n), ("norm_m", 4 * n)) if layer_norm else ()
            for norm, ch in norms + (("norm_recall", n),):
                w[s + "." + norm + ".gamma"] = 1 + torch.randn(1, ch, 1, 1, 1, generator=g) * 0.1
                w[s + "." + norm + ".beta"] = torch.randn(1, ch, 1, 1, 1, generator=g) * 0.1
        elif cell == "convlstm":
            w[s + ".conv.weight"] = torch.randn(4 * n, inp + n, filt, filt, generator=g) * 0.2
            w[s + ".conv.bias"] = torch.randn(4 * n, generator=g) * 0.1
            if peephole:
                for gate in "ifo":
                    w[s + ".peephole_%s" % gate] = torch.randn(n, hp, hp, generator=g) * 0.1
        elif cell == "predrnn":
            for conv, cin, cout in (("conv_x", inp, 7 * n), ("conv_h", n, 4 * n), ("conv_m", n, 3 * n),
                                    ("conv_o", 2 * n, n)):
                w[s + "." + conv + ".weight"] = torch.randn(cout, cin, filt, filt, generator=g) * 0.2
                if layer_norm:
                    w[s + "." + conv + ".norm.weight"] = 1 + torch.randn(cout, hp, hp, generator=g) * 0.1
                    w[s + "." + conv + ".norm.bias"] = torch.randn(cout, hp, hp, generator=g) * 0.1
            w[s + ".conv_last.weight"] = torch.randn(n, 2 * n, 1, 1, generator=g) * 0.3
        elif cell == "predrnn_plus":
            convs = [("conv_x", inp, 7 * n), ("conv_h", n, 4 * n), ("conv_c", n, 3 * n), ("conv_m", n, 3 * n),
                     ("conv_c2m", n, 4 * n), ("conv_om", n, n)]
            if layer == 1:
                convs += [("highway.z_concat", n, 2 * n), ("highway.x_concat", n, 2 * n)]
            for conv, cin, cout in convs:
                w[s + "." + conv + ".weight"] = torch.randn(cout, cin, filt, filt, generator=g) * 0.2
                if layer_norm:
                    w[s + "." + conv + ".norm.weight"] = 1 + torch.randn(cout, hp, hp, generator=g) * 0.1
                    w[s + "." + conv + ".norm.bias"] = torch.randn(cout, hp, hp, generator=g) * 0.1
            w[s + ".conv_last.weight"] = torch.randn(n, 2 * n, 1, 1, generator=g) * 0.3
        else:
            w[s + ".conv.weight"] = torch.randn(4 * n, inp, filt, filt, generator=g) * 0.2
            w[s + ".conv.bias"] = torch.randn(4 * n, generator=g) * 0.1
            if layer == 0:
                w[s + ".conv_top.weight"] = torch.randn(4 * n, n, filt, filt, generator=g) * 0.2
            for gate in "ifo":
                w[s + ".memory_%s" % gate] = torch.randn(n, hp, hp, generator=g) * 0.1
        inp = n
    if cell == "e3d_lstm":
        w["decoder.weight"] = torch.randn(cp, hidden[-1], 2, 1, 1, generator=g) * 0.3
        w["decoder.bias"] = torch.randn(cp, generator=g) * 0.1
    else:
        w["decoder.weight"] = torch.randn(cp, hidden[-1], 1, 1, generator=g) * 0.3
    return w


def make_case(name, seed, channels, size, patch, hidden, filt, peephole, residual, batch, total, input_length,
              cell="convlstm", layer_norm=False, zero_bias=False, exact=False, loss_scale=LOSS_SCALE):
    g = torch.Generator().manual_seed(seed)
    cp = channels * patch * patch
    hp = size // patch
    w = make_weights(g, cell, cp, hp, hidden, filt, peephole, layer_norm)
    if zero_bias:  # OpenSTL's ConvLSTM cell has none (reference/upstream_parity.py)
        for k in w:
            if k.endswith(".conv.bias"):
                w[k] = torch.zeros_like(w[k])
    clip = torch.rand(batch, total, channels, size, size, generator=g)
    mask = (torch.rand(batch, total - input_length - 1, generator=g) > 0.5).float()
    if exact:  # the reference in float64 (values drawn as float32): only Augur's float32 rounding is measured
        w = {k: v.double() for k, v in w.items()}
        clip, mask = clip.double(), mask.double()
    for v in w.values():
        v.requires_grad_(True)
    torch.set_default_dtype(clip.dtype)  # the rollouts' zero states
    if cell == "e3d_lstm":
        pred = e3d_rollout(w, clip, mask, hidden, patch, input_length, residual, layer_norm)
    else:
        pred = rollout(w, clip, mask, hidden, patch, input_length, peephole, residual, cell, layer_norm)
    loss = F.mse_loss(pred, clip[:, 1:]) * loss_scale
    loss.backward()
    torch.set_default_dtype(torch.float32)
    smallest = min((float(v.grad.abs().max()), k) for k, v in w.items())
    if smallest[0] <= 1e-3:
        sys.exit("%s: the gradient of %s peaks at %.2e: raise LOSS_SCALE" % (name, smallest[1], smallest[0]))
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
        with open(os.path.abspath(__file__), "rb") as script:
            f.write("script=reference/cells_reference.py sha256=%s\n" % hashlib.sha256(script.read()).hexdigest())
        f.write("cell=%s layer_norm=%s loss_scale=%g reference=%s " % (cell, layer_norm, loss_scale,
                                                                       "float64" if exact else "float32"))
        f.write("channels=%d size=%d patch=%d hidden=%s filter=%d peephole=%s residual=%s input_length=%d total=%d\n"
                % (channels, size, patch, ",".join(map(str, hidden)), filt, peephole, residual, input_length, total))
    print("wrote", d, "loss", loss.item(), "smallest gradient max %.2e (%s)" % smallest)


CASES = {
    "convlstm_plain": lambda: make_case("convlstm_plain", 1, 1, 8, 2, [8, 8], 3, False, False, 2, 6, 3),
    "convlstm_peephole_residual": lambda: make_case("convlstm_peephole_residual", 2, 2, 8, 2, [6, 6, 6], 3, True,
                                                    True, 2, 7, 3),
    "predrnn_plain": lambda: make_case("predrnn_plain", 3, 1, 8, 2, [6, 6], 3, False, False, 2, 6, 3, cell="predrnn"),
    "predrnn_layernorm_residual": lambda: make_case("predrnn_layernorm_residual", 4, 1, 8, 2, [5, 5, 5], 3, False,
                                                    True, 2, 7, 3, cell="predrnn", layer_norm=True),
    "memory_flow": lambda: make_case("memory_flow", 5, 1, 8, 2, [6, 6, 6], 3, False, False, 2, 6, 3,
                                     cell="memory_flow"),
    "e3d_lstm_layernorm": lambda: make_case("e3d_lstm_layernorm", 6, 1, 8, 2, [4, 4], 3, False, False, 2, 6, 3,
                                            cell="e3d_lstm", layer_norm=True),
    "e3d_lstm_plain_residual": lambda: make_case("e3d_lstm_plain_residual", 7, 1, 8, 2, [4, 4, 4], 3, False, True, 2,
                                                 5, 2, cell="e3d_lstm"),
    "convlstm_openstl": lambda: make_case("convlstm_openstl", 8, 1, 8, 2, [8, 8], 3, False, False, 2, 6, 3,
                                          zero_bias=True),
    "predrnn_plus": lambda: make_case("predrnn_plus", 9, 1, 8, 2, [6, 6, 6], 3, False, False, 2, 6, 3,
                                      cell="predrnn_plus"),
    "predrnn_plus_layernorm": lambda: make_case("predrnn_plus_layernorm", 10, 1, 8, 2, [5, 5], 3, False, False, 2, 6,
                                                3, cell="predrnn_plus", layer_norm=True, exact=True,
                                                # x100, float32 itself (PyTorch's too) misses the tolerance here
                                                loss_scale=10.0),
}

if __name__ == "__main__":
    # every case, or only those named (the others' files stay as they are)
    torch.set_num_threads(max(1, os.cpu_count() or 1))
    for case in sys.argv[1:] or list(CASES):
        CASES[case]()
