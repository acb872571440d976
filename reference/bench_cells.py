#!/usr/bin/env python3
"""PyTorch side of `augur bench`: the same train step as Augur's TrainStepBench, for one cell.

batch 8, 10 -> 10 frames of 64x64x1 with patch 4 (16 channels of 16x16), 2 layers x 64 hidden, 5x5 filters,
1x1 decoder without bias, scheduled-sampling mask at eta 0.5, MSE loss, Adam 1e-3. --cell convlstm (Shi et al.)
or predrnn (ST-LSTM with layer norm, as predrnn-pytorch's SpatioTemporalLSTMCell; the memory zig-zags).
Prints one JSON line: median and min step time in seconds, peak RSS in MB, torch version and thread count.
"""
import argparse
import json
import resource
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
    p.add_argument("--cell", choices=["convlstm", "predrnn"], default="convlstm")
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.set_num_interop_threads(1)
    torch.manual_seed(3)
    net = Net(a.cell)
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    clip = torch.rand(8, 20, 1, 64, 64)
    times = []
    for step in range(a.warmup + a.steps):
        t0 = time.perf_counter()
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
