#!/usr/bin/env python3
"""Checkpoints of predrnn-pytorch both ways, for PredRnnPytorchCheckpointTest:

    /usr/bin/python3 reference/checkpoint_roundtrip.py --predrnn-pytorch DIR make
    /usr/bin/python3 reference/checkpoint_roundtrip.py --predrnn-pytorch DIR load-export EXPORT
    /usr/bin/python3 reference/checkpoint_roundtrip.py --predrnn-pytorch DIR predict CKPT NPZ OUT [--sequences 8]
    /usr/bin/python3 reference/checkpoint_roundtrip.py --openstl DIR make-openstl
    /usr/bin/python3 reference/checkpoint_roundtrip.py --openstl DIR load-openstl-export MODEL EXPORT

DIR is a checkout of thuml/predrnn-pytorch or chengtan9907/OpenSTL (fetched to run, never committed).

make         predrnn-pytorch's own RNN (core/models/predrnn.py) on 3-channel 8x8 frames: patch 2 (12 patch channels,
             whose order differs from Augur's), 2 layers of 6, filter 3, layer norm (its LayerNorm weights drawn at
             random so that a misplaced one shows); seeded random weights, saved as its model_factory saves
             (upstream.model.ckpt-1: {'net_param': state_dict}); a clip and upstream's predictions in test mode
             (input length 3 of 6, the mask all zeros), both as [B, T, C, H, W].
load-export  loads EXPORT, a checkpoint Augur wrote (`augur video export`), with torch.load(weights_only=True) into the
             same RNN (load_state_dict, strict) and writes its predictions of the same clip
             (upstream.from-export.predictions.npy): the proof that upstream reads Augur's files.
Both write into augur-core/src/test/resources/parity/predrnn_rgb/, with this script's SHA-256 and the upstream commit.
make-openstl OpenSTL's own PredRNN_Model, ConvLSTM_Model and PredRNNpp_Model (openstl/models/*_model.py, cells from
             openstl/modules; loaded file by file, since openstl/__init__ needs packages not installed here) on the same
             3-channel frames, seeded random weights (PredRNN with layer norm; ConvLSTM without: OpenSTL's ConvLSTM
             normalises X and H apart, which Augur's one convolution of [X, H] cannot hold; PredRNN++ without: OpenSTL's
             GHU fails with layer norm). Each is saved as OpenSTL's
             publish_model writes a checkpoint: torch.save's legacy format, {'state_dict': {'model.<name>': tensor}}
             and the epoch (the optimiser states, callbacks and hyper-parameters that PyTorch Lightning adds are left
             out: Lightning is not installed here). Writes parity/openstl_rgb/: openstl.<model>.pth and
             upstream.<model>.predictions.npy (test mode: the mask all zeros), beside the predrnn_rgb clip.
load-openstl-export  loads EXPORT, written by `augur video export --format openstl` from the import of
             openstl.<MODEL>.pth, with torch.load(weights_only=True) into OpenSTL's own model (load_state_dict, strict,
             the "model." prefix taken off as Lightning's module does) and writes its predictions of the same clip
             (upstream.<MODEL>.from-export.predictions.npy).
predict      any predrnn-pytorch model.ckpt-N of 1-channel 64x64 frames (its layers, sizes, filter and layer norm read
             from the weights): upstream's RNN predicts frames 11-20 of the first sequences of a predrnn-format .npz in
             test mode; writes OUT/context.npy (frames 1-10) and OUT/upstream.npy, both [N, 10, 1, 64, 64], to compare
             with `augur video predict --input OUT/context.npy` on the imported checkpoint.
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


def network(repo, hidden=HIDDEN, patch=PATCH, channels=C, size=SIZE, kernel=FILTER, norm=True, total=T, context=J):
    sys.path.insert(0, repo)
    from core.models.predrnn import RNN  # noqa: E402
    configs = SimpleNamespace(patch_size=patch, img_channel=channels, img_width=size, filter_size=kernel, stride=1,
                              layer_norm=norm, device="cpu", total_length=total, input_length=context,
                              reverse_scheduled_sampling=0)
    return RNN(len(hidden), hidden, configs)


def predict_trained(repo, ckpt, npz, out, n):
    state = torch.load(ckpt, weights_only=True)["net_param"]
    hidden = []
    while "cell_list.%d.conv_h.0.weight" % len(hidden) in state:
        hidden.append(state["cell_list.%d.conv_h.0.weight" % len(hidden)].shape[1])
    conv_x = state["cell_list.0.conv_x.0.weight"]
    patch = int(round(conv_x.shape[1] ** 0.5))
    net = network(repo, hidden, patch, 1, 64, conv_x.shape[3], "cell_list.0.conv_x.1.weight" in state, 20, 10)
    net.load_state_dict(state, strict=True)
    d = np.load(npz)
    raw, clips = d["input_raw_data"], d["clips"]
    seqs = np.stack([raw[clips[0, i, 0]:clips[0, i, 0] + 20] for i in range(n)]).astype(np.float32)
    gen = predict(net, torch.from_numpy(seqs), 10, patch)
    os.makedirs(out, exist_ok=True)
    np.save(os.path.join(out, "context.npy"), seqs[:, :10])
    np.save(os.path.join(out, "upstream.npy"), gen[:, -10:])
    print("upstream predicted", n, "sequences into", out, "hidden", hidden, "patch", patch)


def predict(net, clip, context=J, patch=PATCH, **kwargs):
    """Upstream's test mode on clip [N, T, C, H, W]: frames patched channels-last as reshape_patch leaves them, the
    mask all zeros (predrnn-pytorch's RNN and OpenSTL's models alike); its predictions of frames 1 .. T-1 back in
    our layout."""
    n, t, c, h, w = clip.shape
    p = patch
    frames = clip.reshape(n, t, c, h // p, p, w // p, p).permute(0, 1, 3, 5, 4, 6, 2)
    frames = frames.reshape(n, t, h // p, w // p, p * p * c)
    mask = torch.zeros(n, t - context - 1, h // p, w // p, p * p * c)
    with torch.no_grad():
        next_frames, _ = net(frames, mask, **kwargs)
    pred = next_frames.reshape(n, t - 1, h // p, w // p, p, p, c).permute(0, 1, 6, 2, 4, 3, 5)
    return pred.reshape(n, t - 1, c, h, w).numpy().astype(np.float32)


def openstl_model(repo, name):
    """OpenSTL's model class, its `from openstl.modules import ...` served by the one cell file it needs."""
    import importlib.util
    import types

    def load(path, module):
        spec = importlib.util.spec_from_file_location(module, os.path.join(repo, path))
        m = importlib.util.module_from_spec(spec)
        sys.modules[module] = m
        spec.loader.exec_module(m)
        return m
    cells = load("openstl/modules/%s_modules.py" % name, "openstl_%s_modules" % name)
    sys.modules["openstl"] = types.ModuleType("openstl")
    sys.modules["openstl.modules"] = cells
    return load("openstl/models/%s_model.py" % name, "openstl_%s_model" % name)


OPENSTL_MODELS = {"predrnn": ("PredRNN_Model", True), "convlstm": ("ConvLSTM_Model", False),
                  "predrnnpp": ("PredRNNpp_Model", False)}


def openstl_net(repo, name):
    cls, norm = OPENSTL_MODELS[name]
    configs = SimpleNamespace(in_shape=(J, C, SIZE, SIZE), patch_size=PATCH, filter_size=FILTER, stride=1,
                              layer_norm=norm, pre_seq_length=J, aft_seq_length=T - J, reverse_scheduled_sampling=0)
    return getattr(openstl_model(repo, name), cls)(len(HIDDEN), HIDDEN, configs)


def load_openstl_export(repo, name, export):
    out = os.path.join(HERE, "..", "augur-core", "src", "test", "resources", "parity", "openstl_rgb")
    net = openstl_net(repo, name)
    state = torch.load(export, weights_only=True)["state_dict"]
    net.load_state_dict({k[len("model."):]: v for k, v in state.items()}, strict=True)
    clip = torch.from_numpy(np.load(os.path.join(OUT, "clip.npy")))
    np.save(os.path.join(out, "upstream.%s.from-export.predictions.npy" % name),
            predict(net, clip, return_loss=False))
    print("OpenSTL's", name, "loaded", export, "and wrote its predictions")


def make_openstl(repo):
    out = os.path.join(HERE, "..", "augur-core", "src", "test", "resources", "parity", "openstl_rgb")
    os.makedirs(out, exist_ok=True)
    clip = torch.from_numpy(np.load(os.path.join(OUT, "clip.npy")))
    from collections import OrderedDict
    for name in OPENSTL_MODELS:
        torch.manual_seed(11)
        net = openstl_net(repo, name)
        with torch.no_grad():
            for key, w in net.named_parameters():
                if ".1." in key:  # LayerNorm: away from its (1, 0) start, so a misplaced weight shows
                    w.add_(0.3 * torch.randn_like(w))
        pred = predict(net, clip, return_loss=False)
        state = {"model." + k: v for k, v in net.state_dict().items()}
        torch.save({"state_dict": OrderedDict(state), "epoch": 3}, os.path.join(out, "openstl.%s.pth" % name),
                   _use_new_zipfile_serialization=False)
        np.save(os.path.join(out, "upstream.%s.predictions.npy" % name), pred)
        print("wrote OpenSTL", name, "predictions peak %.3f" % float(np.abs(pred).max()))
    with open(os.path.join(out, "case.txt"), "w") as f:
        f.write("channels=%d size=%d patch=%d hidden=%s filter=%d input_length=%d total=%d clip=../predrnn_rgb/clip.npy\n"
                % (C, SIZE, PATCH, ",".join(map(str, HIDDEN)), FILTER, J, T))
    with open(os.path.join(out, "upstream.provenance.txt"), "w") as f:
        f.write(provenance(repo).replace("thuml/predrnn-pytorch", "chengtan9907/OpenSTL"))


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
    p.add_argument("--predrnn-pytorch", help="checkout of thuml/predrnn-pytorch")
    p.add_argument("--openstl", help="checkout of chengtan9907/OpenSTL (make-openstl)")
    p.add_argument("what", choices=["make", "load-export", "predict", "make-openstl", "load-openstl-export"])
    p.add_argument("files", nargs="*", help="load-export: EXPORT; predict: CKPT NPZ OUT; load-openstl-export: MODEL EXPORT")
    p.add_argument("--sequences", type=int, default=8, help="predict: how many sequences")
    a = p.parse_args()
    if a.what == "make-openstl":
        make_openstl(a.openstl)
    elif a.what == "load-openstl-export":
        load_openstl_export(a.openstl, a.files[0], a.files[1])
    elif a.what == "make":
        make(a.predrnn_pytorch)
    elif a.what == "load-export":
        load_export(a.predrnn_pytorch, a.files[0])
    else:
        predict_trained(a.predrnn_pytorch, a.files[0], a.files[1], a.files[2], a.sequences)
