#!/usr/bin/env python3
"""PyTorch side of `augur bench`: the same ConvLSTM train step as Augur's TrainStepBench.

batch 8, 10 -> 10 frames of 64x64x1 with patch 4 (16 channels of 16x16), 2 ConvLSTM layers x 64 hidden, 5x5
filters, 1x1 decoder without bias, scheduled-sampling mask at eta 0.5, MSE loss, Adam 1e-3. Prints one JSON
line: median and min step time in seconds, peak RSS in MB, torch version and thread count.
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


class Net(nn.Module):
    def __init__(self, cin=16, hidden=(64, 64), k=5):
        super().__init__()
        self.hidden = hidden
        self.cells = nn.ModuleList()
        for i, n in enumerate(hidden):
            self.cells.append(ConvLSTMCell(cin if i == 0 else hidden[i - 1], n, k))
        self.decoder = nn.Conv2d(hidden[-1], cin, 1, bias=False)

    def forward(self, frames, mask, input_length):
        b, t = frames.shape[:2]
        hh, ww = frames.shape[-2:]
        h = [torch.zeros(b, n, hh, ww) for n in self.hidden]
        c = [torch.zeros(b, n, hh, ww) for n in self.hidden]
        out, gen = [], None
        for step in range(t - 1):
            if step < input_length:
                x = frames[:, step]
            else:
                m = mask[:, step - input_length].reshape(-1, 1, 1, 1)
                x = m * frames[:, step] + (1 - m) * gen
            for i, cell in enumerate(self.cells):
                h[i], c[i] = cell(x, h[i], c[i])
                x = h[i]
            gen = self.decoder(x)
            out.append(gen)
        return torch.stack(out, 1)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--steps", type=int, default=20)
    p.add_argument("--warmup", type=int, default=3)
    p.add_argument("--threads", type=int, default=2)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.set_num_interop_threads(1)
    torch.manual_seed(3)
    net = Net()
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
