#!/usr/bin/env python3
"""PyTorch side of `augur bench` for seed 004's CNN-LSTM: the torch.nn network of behavior_reference.py at the
seed's size (width 64, 60-frame windows of 48 features, 7 classes).

--mode train: batch 64, focal loss (gamma 2, fixed class weights), Adam 5e-4, no dropout, one optimiser step per
step. --mode infer: eval mode, 256 windows per forward pass, softmax, under torch.no_grad().
Prints one JSON line: median and min step time in seconds, every step time, peak RSS in MB, torch version, threads.
"""
import argparse
import json
import os
import resource
import sys
import time

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from behavior_reference import TemporalCnnLstm  # noqa: E402

WINDOW, FEATURES, CLASSES = 60, 48, 7


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--mode", default="train")
    p.add_argument("--steps", type=int, default=10)
    p.add_argument("--warmup", type=int, default=3)
    p.add_argument("--threads", type=int, default=2)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.set_num_interop_threads(1)
    torch.manual_seed(3)
    model = TemporalCnnLstm(FEATURES, CLASSES, 64)
    times = []
    if a.mode == "train":
        x = torch.randn(64, WINDOW, FEATURES)
        y = torch.randint(0, CLASSES, (64,))
        alpha = torch.tensor([3.0, 1.0, 0.1, 1.4, 0.4, 4.8, 8.5])
        opt = torch.optim.Adam(model.parameters(), lr=5e-4)
        model.train()
        for i in range(a.warmup + a.steps):
            start = time.perf_counter()
            opt.zero_grad()
            logits = model(x)
            logp = F.log_softmax(logits, 1)
            pt = logp.gather(1, y[:, None]).squeeze(1)
            loss = (-alpha[y] * (1 - pt.exp()) ** 2 * pt).mean()
            loss.backward()
            opt.step()
            if i >= a.warmup:
                times.append(time.perf_counter() - start)
    else:
        x = torch.randn(256, WINDOW, FEATURES)
        model.eval()
        with torch.no_grad():
            for i in range(a.warmup + a.steps):
                start = time.perf_counter()
                torch.softmax(model(x), 1).numpy()
                if i >= a.warmup:
                    times.append(time.perf_counter() - start)
    s = sorted(times)
    n = len(s)
    median = s[n // 2] if n % 2 else (s[n // 2 - 1] + s[n // 2]) / 2
    print(json.dumps({"median_s": median, "min_s": s[0], "times_s": times,
                      "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0,
                      "torch": torch.__version__, "threads": torch.get_num_threads()}))


if __name__ == "__main__":
    main()
