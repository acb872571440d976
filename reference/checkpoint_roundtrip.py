#!/usr/bin/env python3
"""Checkpoints of predrnn-pytorch both ways, for PredRnnPytorchCheckpointTest:

    /usr/bin/python3 reference/checkpoint_roundtrip.py --predrnn-pytorch DIR make
    /usr/bin/python3 reference/checkpoint_roundtrip.py --predrnn-pytorch DIR load-export EXPORT

DIR is a checkout of thuml/predrnn-pytorch (fetched to run, never committed).

make         predrnn-pytorch's own RNN (core/models/predrnn.py) on 3-channel 8x8 frames: patch 2 (12 patch channels,
             whose order differs from Augur's), 2 layers of 6, filter 3, layer norm (its LayerNorm weights drawn at
             random so that a misplaced one shows); seeded random weights, saved as its model_factory saves
             (upstream.model.ckpt-1: {'net_param': state_dict}); a clip and upstream's predictions in test mode
             (input length 3 of 6, the mask all zeros), both as [B, T, C, H, W].
load-export  loads EXPORT, a checkpoint Augur wrote (`augur video export`), with torch.load(weights_only=True) into the
             same RNN (load_state_dict, strict) and writes its predictions of the same clip
             (upstream.from-export.predictions.npy): the proof that upstream reads Augur's files.
Both write into augur-core/src/test/resources/parity/predrnn_rgb/, with this script's SHA-256 and the upstream commit.
"""
import argparse
import hashlib
import os
import subprocess
import sys
from types import SimpleNamespace

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "augur-core", "src", "test", "resources", "parity", "predrnn_rgb")
B, T, J, C, SIZE, PATCH, HIDDEN, FILTER = 2, 6, 3, 3, 8, 2, [6, 6], 3


def network(repo):
    sys.path.insert(0, repo)
    from core.models.predrnn import RNN  # noqa: E402
    configs = SimpleNamespace(patch_size=PATCH, img_channel=C, img_width=SIZE, filter_size=FILTER, stride=1,
                              layer_norm=True, device="cpu", total_length=T, input_length=J,
                              reverse_scheduled_sampling=0)
    return RNN(len(HIDDEN), HIDDEN, configs)


def predict(net, clip):
    """predrnn-pytorch's test: frames patched channels-last (reshape_patch), the mask all zeros; back to ours."""
    p = PATCH
    frames = clip.reshape(B, T, C, SIZE // p, p, SIZE // p, p).permute(0, 1, 3, 5, 4, 6, 2)
    frames = frames.reshape(B, T, SIZE // p, SIZE // p, p * p * C)
    mask = torch.zeros(B, T - J - 1, SIZE // p, SIZE // p, p * p * C)
    with torch.no_grad():
        next_frames, _ = net(frames, mask)
    pred = next_frames.reshape(B, T - 1, SIZE // p, SIZE // p, p, p, C).permute(0, 1, 6, 2, 4, 3, 5)
    return pred.reshape(B, T - 1, C, SIZE, SIZE).numpy().astype(np.float32)


def provenance(repo):
    with open(os.path.abspath(__file__), "rb") as f:
        sha = hashlib.sha256(f.read()).hexdigest()
    commit = os.environ.get("UPSTREAM_COMMIT") or subprocess.run(
        ["git", "-C", repo, "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip() or "unknown"
    return "script=reference/checkpoint_roundtrip.py sha256=%s\nupstream=thuml/predrnn-pytorch commit=%s\n" % (
        sha, commit)


def make(repo):
    torch.manual_seed(7)
    net = network(repo)
    with torch.no_grad():
        for name, w in net.named_parameters():
            if ".1." in name:  # LayerNorm: away from its (1, 0) start, so a misplaced weight shows
                w.add_(0.3 * torch.randn_like(w))
    os.makedirs(OUT, exist_ok=True)
    torch.save({"net_param": net.state_dict()}, os.path.join(OUT, "upstream.model.ckpt-1"))
    clip = torch.rand(B, T, C, SIZE, SIZE, generator=torch.Generator().manual_seed(8))
    np.save(os.path.join(OUT, "clip.npy"), clip.numpy())
    pred = predict(net, clip)
    np.save(os.path.join(OUT, "upstream.predictions.npy"), pred)
    with open(os.path.join(OUT, "case.txt"), "w") as f:
        f.write("channels=%d size=%d patch=%d hidden=%s filter=%d layer_norm=True input_length=%d total=%d\n"
                % (C, SIZE, PATCH, ",".join(map(str, HIDDEN)), FILTER, J, T))
    with open(os.path.join(OUT, "upstream.provenance.txt"), "w") as f:
        f.write(provenance(repo))
    print("wrote", OUT, "predictions peak %.3f" % np.abs(pred).max())


def load_export(repo, export):
    net = network(repo)
    state = torch.load(export, weights_only=True)
    net.load_state_dict(state["net_param"], strict=True)
    clip = torch.from_numpy(np.load(os.path.join(OUT, "clip.npy")))
    np.save(os.path.join(OUT, "upstream.from-export.predictions.npy"), predict(net, clip))
    with open(os.path.join(OUT, "upstream.from-export.provenance.txt"), "w") as f:
        f.write(provenance(repo) + "export sha256=%s\n" % hashlib.sha256(open(export, "rb").read()).hexdigest())
    print("upstream loaded", export, "and wrote its predictions")


if __name__ == "__main__":
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--predrnn-pytorch", required=True, help="checkout of thuml/predrnn-pytorch")
    p.add_argument("what", choices=["make", "load-export"])
    p.add_argument("export", nargs="?", help="for load-export: the checkpoint Augur wrote")
    a = p.parse_args()
    if a.what == "make":
        make(a.predrnn_pytorch)
    else:
        load_export(a.predrnn_pytorch, a.export)
