#!/usr/bin/env python3
"""PyTorch side of `augur bench`: the same train step as Augur's TrainStepBench, for one cell.

batch 8, 10 -> 10 frames of 64x64x1 with patch 4 (16 channels of 16x16), 2 layers x 64 hidden, 5x5 filters,
1x1 decoder without bias, scheduled-sampling mask at eta 0.5, MSE loss, Adam 1e-3. --cell convlstm (Shi et al.)
or predrnn (ST-LSTM with layer norm, as predrnn-pytorch's SpatioTemporalLSTMCell; the memory zig-zags) or
e3d_lstm (E3D-LSTM with layer norm over a 2-frame window, 2x5x5 3D convolutions, eidetic recall); or simvp / tau:
OpenSTL's own SimVP_Model (gSTA / TAU translator) from the checkout given by --openstl, in the race's configuration
(hid_S 32, hid_T 256, N_S 4, N_T 4, MLP ratio 4, 3x3, 64x64 frames, no patching), 10 future frames in one pass, MSE
(TAU: + 0.1 x its differential divergence regularisation), Adam 1e-3.
Prints one JSON line: median and min step time in seconds, peak RSS in MB, torch version and thread count.
"""
import argparse
import json
import os
import resource
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


class ConvLSTMCell(nn.Module):
    def __init__(self, cin, hidden, k):
        super().__init__()
        self.conv = nn.Conv2d(cin + hidden, 4 * hidden, k, padding=k // 2)

    def forward(self, x, h, c):
        i, f, g, o = torch.split(self.conv(torch.cat([x, h], 1)), h.shape[1], 1)
        c = torch.sigmoid(f) * c + torch.sigmoid(i) * torch.tanh(g)
        return torch.sigmoid(o) * torch.tanh(c), c


def normed(cin, cout, k, width):
    return nn.Sequential(nn.Conv2d(cin, cout, k, padding=k // 2, bias=False), nn.LayerNorm([cout, width, width]))


class STLSTMCell(nn.Module):
    """PredRNN Eq. 4 with layer norm and forget bias 1."""

    def __init__(self, cin, n, k, width=16):
        super().__init__()
        self.conv_x = normed(cin, 7 * n, k, width)
        self.conv_h = normed(n, 4 * n, k, width)
        self.conv_m = normed(n, 3 * n, k, width)
        self.conv_o = normed(2 * n, n, k, width)
        self.conv_last = nn.Conv2d(2 * n, n, 1, bias=False)

    def forward(self, x, h, c, m):
        n = h.shape[1]
        i_x, f_x, g_x, ip_x, fp_x, gp_x, o_x = torch.split(self.conv_x(x), n, 1)
        i_h, f_h, g_h, o_h = torch.split(self.conv_h(h), n, 1)
        i_m, f_m, g_m = torch.split(self.conv_m(m), n, 1)
        c = torch.sigmoid(f_x + f_h + 1.0) * c + torch.sigmoid(i_x + i_h) * torch.tanh(g_x + g_h)
        m = torch.sigmoid(fp_x + f_m + 1.0) * m + torch.sigmoid(ip_x + i_m) * torch.tanh(gp_x + g_m)
        mem = torch.cat([c, m], 1)
        o = torch.sigmoid(o_x + o_h + self.conv_o(mem))
        return o * torch.tanh(self.conv_last(mem)), c, m


class Conv3dSame(nn.Module):
    """3D conv with TensorFlow 'same' padding (kt-1 zero frames after the window), as e3d_lstm."""

    def __init__(self, cin, cout, kt, k):
        super().__init__()
        self.kt, self.k = kt, k
        self.conv = nn.Conv3d(cin, cout, (kt, k, k))

    def forward(self, x):
        p = self.k // 2
        return self.conv(F.pad(x, (p, p, p, p, 0, self.kt - 1)))


class TfLayerNorm(nn.Module):
    def __init__(self, ch):
        super().__init__()
        self.gamma = nn.Parameter(torch.ones(1, ch, 1, 1, 1))
        self.beta = nn.Parameter(torch.zeros(1, ch, 1, 1, 1))

    def forward(self, x):
        return F.layer_norm(x, x.shape[1:], eps=1e-12) * self.gamma + self.beta


class E3DCell(nn.Module):
    """E3D-LSTM (layer norm, eidetic recall, M' passed on), states [B, n, 2, H, W]."""

    def __init__(self, cin, n, k):
        super().__init__()
        self.conv_h, self.conv_x, self.conv_m = Conv3dSame(n, 4 * n, 2, k), Conv3dSame(cin, 7 * n, 2, k), Conv3dSame(n, 4 * n, 2, k)
        self.conv_oc, self.conv_om = Conv3dSame(n, n, 2, k), Conv3dSame(n, n, 2, k)
        self.conv_last = nn.Conv3d(2 * n, n, 1)
        self.norm_h, self.norm_x, self.norm_m, self.norm_recall = TfLayerNorm(4 * n), TfLayerNorm(7 * n), TfLayerNorm(4 * n), TfLayerNorm(n)

    def forward(self, x, h, c, history, m):
        n = h.shape[1]
        i_h, g_h, r_h, o_h = torch.split(self.norm_h(self.conv_h(h)), n, 1)
        i_x, g_x, r_x, o_x, ip_x, gp_x, fp_x = torch.split(self.norm_x(self.conv_x(x)), n, 1)
        i_m, f_m, g_m, m_m = torch.split(self.norm_m(self.conv_m(m)), n, 1)
        i, r, g = torch.sigmoid(i_x + i_h), torch.sigmoid(r_x + r_h), torch.tanh(g_x + g_h)
        b = r.shape[0]
        q = r.permute(0, 2, 3, 4, 1).reshape(b, -1, n)
        kk = history.permute(0, 2, 3, 4, 1).reshape(b, -1, n)
        attn = (torch.softmax(q @ kk.transpose(1, 2), 2) @ kk).reshape(b, *r.shape[2:], n).permute(0, 4, 1, 2, 3)
        c = self.norm_recall(c + attn) + i * g
        m = torch.sigmoid(fp_x + f_m + 1.0) * torch.tanh(m_m) + torch.sigmoid(ip_x + i_m) * torch.tanh(gp_x + g_m)
        o = torch.tanh(o_x + o_h + self.conv_oc(c) + self.conv_om(m))
        return torch.tanh(self.conv_last(torch.cat([c, m], 1))) * torch.sigmoid(o), c, m


class E3DNet(nn.Module):
    def __init__(self, cin=16, hidden=(64, 64), k=5):
        super().__init__()
        self.hidden = hidden
        self.cells = nn.ModuleList(E3DCell(cin if i == 0 else hidden[i - 1], n, k) for i, n in enumerate(hidden))
        self.decoder = nn.Conv3d(hidden[-1], cin, (2, 1, 1), stride=(2, 1, 1))

    def forward(self, frames, mask, input_length):
        b, t = frames.shape[:2]
        hh, ww = frames.shape[-2:]
        h = [torch.zeros(b, n, 2, hh, ww) for n in self.hidden]
        c = [torch.zeros(b, n, 2, hh, ww) for n in self.hidden]
        hist = [None] * len(self.hidden)
        m = torch.zeros(b, self.hidden[0], 2, hh, ww)
        prev = torch.zeros_like(frames[:, 0])
        out, gen = [], None
        for step in range(t - 1):
            if step < input_length:
                net = frames[:, step]
            else:
                mk = mask[:, step - input_length].reshape(-1, 1, 1, 1)
                net = mk * frames[:, step] + (1 - mk) * gen
            x = torch.stack([prev, net], 2)
            prev = net
            for i, cell in enumerate(self.cells):
                hist[i] = c[i] if hist[i] is None else torch.cat([hist[i], c[i]], 2)
                h[i], c[i], m = cell(x, h[i], c[i], hist[i], m)
                x = h[i]
            gen = self.decoder(x).squeeze(2)
            out.append(gen)
        return torch.stack(out, 1)


class Net(nn.Module):
    def __init__(self, cell="convlstm", cin=16, hidden=(64, 64), k=5):
        super().__init__()
        self.hidden = hidden
        self.cell = cell
        self.cells = nn.ModuleList()
        for i, n in enumerate(hidden):
            layer_in = cin if i == 0 else hidden[i - 1]
            self.cells.append(ConvLSTMCell(layer_in, n, k) if cell == "convlstm" else STLSTMCell(layer_in, n, k))
        self.decoder = nn.Conv2d(hidden[-1], cin, 1, bias=False)

    def forward(self, frames, mask, input_length):
        b, t = frames.shape[:2]
        hh, ww = frames.shape[-2:]
        h = [torch.zeros(b, n, hh, ww) for n in self.hidden]
        c = [torch.zeros(b, n, hh, ww) for n in self.hidden]
        mem = torch.zeros(b, self.hidden[0], hh, ww)
        out, gen = [], None
        for step in range(t - 1):
            if step < input_length:
                x = frames[:, step]
            else:
                m = mask[:, step - input_length].reshape(-1, 1, 1, 1)
                x = m * frames[:, step] + (1 - m) * gen
            for i, cell in enumerate(self.cells):
                if self.cell == "convlstm":
                    h[i], c[i] = cell(x, h[i], c[i])
                else:
                    h[i], c[i], mem = cell(x, h[i], c[i], mem)
                x = h[i]
            gen = self.decoder(x)
            out.append(gen)
        return torch.stack(out, 1)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--steps", type=int, default=20)
    p.add_argument("--warmup", type=int, default=3)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--cell", choices=["convlstm", "predrnn", "e3d_lstm", "simvp", "tau"], default="convlstm")
    p.add_argument("--hidden", default="64,64", help="channels per layer")
    p.add_argument("--openstl", help="checkout of chengtan9907/OpenSTL (simvp, tau)")
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.set_num_interop_threads(1)
    torch.manual_seed(3)
    hidden = tuple(int(x) for x in a.hidden.split(","))
    translator = a.cell in ("simvp", "tau")
    if translator:
        if not a.openstl:
            sys.exit("bench_cells.py: --cell %s needs --openstl <OpenSTL checkout>" % a.cell)
        sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
        from simvp_parity import openstl_simvp  # noqa: E402
        net = openstl_simvp(os.path.abspath(a.openstl))(
            (10, 1, 64, 64), hid_S=hidden[0], hid_T=hidden[1], N_S=4, N_T=4, mlp_ratio=4.0,
            model_type="gSTA" if a.cell == "simvp" else "tau", spatio_kernel_enc=3, spatio_kernel_dec=3)
    else:
        net = E3DNet(hidden=hidden) if a.cell == "e3d_lstm" else Net(a.cell, hidden=hidden)
    net.train()
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    clip = torch.rand(8, 20, 1, 64, 64)
    times = []
    for step in range(a.warmup + a.steps):
        t0 = time.perf_counter()
        if translator:
            pred = net(clip[:, :10].contiguous())
            loss = F.mse_loss(pred, clip[:, 10:])
            if a.cell == "tau":
                from losses_reference import diff_div_reg  # noqa: E402
                loss = loss + 0.1 * diff_div_reg(pred, clip[:, 10:])
        else:
            frames = F.pixel_unshuffle(clip.flatten(0, 1), 4).unflatten(0, (8, 20))
            mask = (torch.rand(8, 9) < 0.5).float()
            pred = net(frames, mask, 10)
            loss = F.mse_loss(pred, frames[:, 1:])
        opt.zero_grad()
        loss.backward()
        opt.step()
        loss.item()
        if step >= a.warmup:
            times.append(time.perf_counter() - t0)
    times.sort()
    n = len(times)
    median = times[n // 2] if n % 2 else (times[n // 2 - 1] + times[n // 2]) / 2
    print(json.dumps({"median_s": median, "min_s": times[0], "times_s": times,
                      "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0,
                      "torch": torch.__version__, "threads": torch.get_num_threads()}))


if __name__ == "__main__":
    main()
