#!/usr/bin/env python3
"""Runs thuml/predrnn-pytorch's own run.py, its flags unchanged, on a machine without OpenCV and LPIPS:

    /usr/bin/python3 reference/predrnn_pytorch_run.py --predrnn-pytorch DIR -- [run.py flags]

DIR is a checkout of thuml/predrnn-pytorch (fetched to run, never committed). Its trainer imports cv2 (to write PNG
frames) and lpips (whose AlexNet weights come from the internet); here cv2.imwrite writes the same PNGs through
Pillow, and lpips.LPIPS is a stand-in that returns 0, so the printed "lpips per frame" lines mean nothing; its data
provider imports tensorflow for the BAIR dataset only, which gets an empty module, and PredRNN-V2's t-SNE plots
(scikit-learn, matplotlib) are left out (--visual 0, upstream's default, never calls them).
Everything else - the model, Adam, the training loop with its scheduled sampling and reversed inputs, the data
provider, model.ckpt-N snapshots, the MSE / SSIM / PSNR of its test - is upstream's own code.
"""
import argparse
import os
import runpy
import sys
import types

import numpy as np
import torch
from PIL import Image


def imwrite(name, img):
    img = np.asarray(img)
    if img.ndim == 3 and img.shape[-1] == 1:
        img = img[..., 0]
    elif img.ndim == 3:
        img = img[..., ::-1]  # OpenCV's images are BGR
    Image.fromarray(img).save(name)
    return True


class NoLpips:
    def __init__(self, net="alex"):
        self.net = net

    def __call__(self, x, y):
        return torch.zeros(x.shape[0], 1, 1, 1)


if __name__ == "__main__":
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--predrnn-pytorch", required=True, help="checkout of thuml/predrnn-pytorch")
    p.add_argument("flags", nargs=argparse.REMAINDER, help="-- then run.py's flags")
    a = p.parse_args()
    flags = a.flags[1:] if a.flags[:1] == ["--"] else a.flags
    sys.modules["cv2"] = types.SimpleNamespace(imwrite=imwrite)
    sys.modules["lpips"] = types.SimpleNamespace(LPIPS=NoLpips)
    sys.modules["tensorflow"] = types.ModuleType("tensorflow")
    sys.modules["core.utils.tsne"] = types.SimpleNamespace(visualization=None)
    torch.set_num_threads(max(1, os.cpu_count() or 1))
    sys.path.insert(0, a.predrnn_pytorch)
    sys.argv = [os.path.join(a.predrnn_pytorch, "run.py")] + flags
    runpy.run_path(sys.argv[0], run_name="__main__")
