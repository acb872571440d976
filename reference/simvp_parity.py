#!/usr/bin/env python3
"""Parity fixtures for SimVP (gSTA) and TAU, made by OpenSTL's own modules.

    /usr/bin/python3 reference/simvp_parity.py --openstl DIR [simvp_gsta|tau ...]
    /usr/bin/python3 reference/simvp_parity.py --openstl DIR --load-export CASE EXPORT

DIR is a checkout of chengtan9907/OpenSTL (fetched to run, never committed). OpenSTL's SimVP_Model
(openstl/models/simvp_model.py, with openstl/modules/simvp_modules.py and its layers) is built small, its weights
drawn at random - batch-norm statistics, affine parameters and layer scales included, so that no branch is
negligible - and run as OpenSTL's SimVP.forward runs it (re-typed here: the method class needs Lightning): J input
frames, K > J future frames predicted by feeding a whole predicted chunk back, the remainder cut from the last
chunk. In training mode it writes the predictions of frames J..T-1, the loss (MSE x the case's scale) and every
gradient; then, in eval mode (the running statistics the training pass updated), the predictions again. Weights
and gradients are written under Augur's names, which are OpenSTL's state_dict names; per-channel vectors
(normalisation scales and shifts, layer scales) in Augur's [1, C, 1, 1] shape. timm is not installed here: the
few timm names the modules import are stubbed (the blocks used need none of them; drop-path, random in training,
is the identity).

--load-export: EXPORT is what `augur video export --format openstl` wrote from the import of CASE's
upstream.model.ckpt; OpenSTL's SimVP_Model loads it with torch.load(weights_only=True) and a strict
load_state_dict, and its eval-mode predictions of the case's clip are written as
upstream.from-export.eval.predictions.npy (UpstreamCheckpointTest compares Augur's with them).
"""
import argparse
import hashlib
import os
import subprocess
import sys
import types

import numpy as np
import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
PARITY = os.path.join(HERE, "..", "augur-core", "src", "test", "resources", "parity")
# channels, size, J, K, hid_S, hid_T, N_S, N_T, mlp_ratio, kernel: small, but every block kind and both resizes
CASES = {"simvp_gsta": dict(model_type="gSTA", channels=1, size=16, j=3, k=4, hid_S=4, hid_T=8, N_S=4, N_T=3,
                            mlp_ratio=2.0, kernel=3),
         "tau": dict(model_type="tau", channels=2, size=16, j=3, k=2, hid_S=4, hid_T=16, N_S=4, N_T=3,
                     mlp_ratio=2.0, kernel=3)}
SCALES = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000)


def stub_timm():
    """Just enough of timm for OpenSTL's module files to import."""
    class Placeholder(torch.nn.Module):
        pass

    class NoDropPath(torch.nn.Identity):
        """OpenSTL's translator asks for drop-path 0.01 .. 0 even at drop_path=0 (linspace from 1e-2): random
        in training, so left out of the comparison (and of Augur)."""
        def __init__(self, *args, **kwargs):
            super().__init__()
    layers = types.ModuleType("timm.layers")
    layers.DropPath = NoDropPath
    layers.trunc_normal_ = torch.nn.init.trunc_normal_
    modules = {"timm": types.ModuleType("timm"), "timm.layers": layers, "timm.models": types.ModuleType("timm.models")}
    for name, attrs in {"convnext": ["ConvNeXtBlock"], "mlp_mixer": ["MixerBlock"],
                        "swin_transformer": ["SwinTransformerBlock", "window_partition", "window_reverse"],
                        "vision_transformer": ["Block"]}.items():
        m = types.ModuleType("timm.models." + name)
        for a in attrs:
            setattr(m, a, Placeholder)
        modules["timm.models." + name] = m
    sys.modules.update(modules)


def openstl_simvp(repo):
    """OpenSTL's SimVP_Model class, imported without running openstl/__init__.py (it needs Lightning)."""
    stub_timm()
    for pkg in ("openstl", "openstl.modules", "openstl.models"):
        m = types.ModuleType(pkg)
        m.__path__ = [os.path.join(repo, *pkg.split("."))]
        sys.modules[pkg] = m
    import importlib
    mods = importlib.import_module("openstl.modules.simvp_modules")
    for name in dir(mods):
        setattr(sys.modules["openstl.modules"], name, getattr(mods, name))
    return importlib.import_module("openstl.models.simvp_model").SimVP_Model


def predict(model, x, k):
    """OpenSTL's SimVP.forward (openstl/methods/simvp.py): chunks of J fed back, the last one cut to K."""
    j = x.shape[1]
    chunks, current = [], x.contiguous()
    for _ in range(k // j):
        current = model(current)
        chunks.append(current)
    if k % j:
        current = model(current)
        chunks.append(current[:, :k % j])
    return torch.cat(chunks, 1)


def ours(name, tensor):
    """Augur's shape: per-channel vectors as [1, C, 1, 1], except the running statistics."""
    if name.endswith(("norm.weight", "norm.bias", "norm1.weight", "norm1.bias", "norm2.weight", "norm2.bias",
                      "layer_scale_1", "layer_scale_2")):
        return tensor.reshape(1, -1, 1, 1)
    return tensor


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def build(model_class, c, state=None):
    torch.manual_seed(0)
    model = model_class((c["j"], c["channels"], c["size"], c["size"]), hid_S=c["hid_S"], hid_T=c["hid_T"],
                        N_S=c["N_S"], N_T=c["N_T"], model_type=c["model_type"], mlp_ratio=c["mlp_ratio"],
                        spatio_kernel_enc=c["kernel"], spatio_kernel_dec=c["kernel"])
    if state is not None:
        model.load_state_dict(state, strict=False)
        return model
    with torch.no_grad():
        for name, p in model.named_parameters():
            if p.dim() == 1 and "conv" not in name and "fc" not in name and "readout" not in name \
                    and "reduction" not in name and "proj" not in name:
                p.uniform_(0.5, 1.5) if name.endswith(("weight", "layer_scale_1", "layer_scale_2")) \
                    else p.uniform_(-0.2, 0.2)
            if name.startswith(("enc.", "dec.dec")) and name.endswith(("conv.weight", "conv.0.weight")):
                # OpenSTL's N(0, 0.02^2) makes each layer's output tiny before its group norm, whose gradient then
                # cancels badly in float32 (PyTorch's own float32 misses the tolerance): drawn 10x wider here
                p.mul_(10)
            if name.endswith("fc.0.weight"):
                # TAU's squeeze: its inputs (channel means after GELU) are mostly positive, so with |w| no ReLU
                # unit is dead for the whole batch (with a few units, one often is: a zero gradient, nothing tested)
                p.abs_()
            if name.endswith("fc.2.weight"):
                # and its excitation drawn 4x wider, so the squeeze's gradient is not 1000x below the others' (the
                # loss scale that lifts it above 1e-3 would push the group-normed layers past float32's precision)
                p.mul_(4)
        for name, b in model.named_buffers():
            if name.endswith("running_mean"):
                b.uniform_(-0.1, 0.1)
            elif name.endswith("running_var"):
                b.uniform_(0.5, 1.5)
    return model


def run(model_class, c, state, clip, dtype, scale):
    """Training-mode predictions, loss and gradients, then eval-mode predictions, in {@code dtype}."""
    model = build(model_class, c, state).to(dtype)
    x = clip.to(dtype)
    model.train()
    pred = predict(model, x[:, :c["j"]], c["k"])
    loss = F.mse_loss(pred, x[:, c["j"]:]) * scale
    loss.backward()
    model.eval()
    with torch.no_grad():
        pred_eval = predict(model, x[:, :c["j"]], c["k"])
    after = {k: v.float() if v.is_floating_point() else v for k, v in model.state_dict().items()}
    return pred.detach(), loss.detach(), {n: p.grad for n, p in model.named_parameters()}, pred_eval, after


def outside(a, b):
    """How far a is from b in units of the tests' tolerance, 1e-5 + 1e-4 |b| (> 1: outside)."""
    return float(((a.double() - b.double()).abs() / (1e-5 + 1e-4 * b.double().abs())).max())


def make(case, repo, model_class):
    """The fixture, computed in float64 (the exact value, not one float32 summation order) at the smallest loss
    scale from SCALES under which every gradient peaks above 1e-3; refused unless PyTorch's own float32 run meets
    the tolerance against it (gradients through group norm cancel: a larger scale makes float32 itself fail)."""
    c = CASES[case]
    state = {k: v.detach().clone() for k, v in build(model_class, c).state_dict().items()}
    g = torch.Generator().manual_seed(1)
    clip = torch.rand(2, c["j"] + c["k"], c["channels"], c["size"], c["size"], generator=g)
    _, _, unit, _, _ = run(model_class, c, state, clip, torch.float64, 1.0)
    peak = min(float(v.abs().max()) for v in unit.values())
    scale = next((s for s in SCALES if s * peak > 1e-3), None)
    if scale is None:
        sys.exit("%s: some gradient peaks at %.2e even at loss scale %g" % (case, peak * SCALES[-1], SCALES[-1]))
    pred, loss, grads, pred_eval, after = run(model_class, c, state, clip, torch.float64, scale)
    pred32, _, grads32, eval32, _ = run(model_class, c, state, clip, torch.float32, scale)
    worst = max([(outside(pred32, pred), "predictions"), (outside(eval32, pred_eval), "eval predictions")]
                + [(outside(grads32[n], v), n) for n, v in grads.items()])
    if worst[0] > 1:
        sys.exit("%s: PyTorch's float32 misses the tolerance on %s (%.1fx) at loss scale %g" % (
            case, worst[1], worst[0], scale))

    d = os.path.join(PARITY, case)
    os.makedirs(d, exist_ok=True)
    for f in os.listdir(d):
        os.remove(os.path.join(d, f))
    f32 = lambda t: t.numpy().astype(np.float32)  # noqa: E731
    np.save(os.path.join(d, "clip.npy"), clip.numpy())
    np.save(os.path.join(d, "predictions.npy"), f32(pred))
    np.save(os.path.join(d, "eval.predictions.npy"), f32(pred_eval))
    np.save(os.path.join(d, "loss.npy"), np.array([loss.item()], dtype=np.float32))
    # the network after the training pass (running statistics moved; eval.predictions are its predictions), saved
    # as OpenSTL's Lightning checkpoints hold it, batch-norm counters included: UpstreamCheckpointTest imports it
    torch.save({"state_dict": {"model." + k: v for k, v in after.items()}}, os.path.join(d, "upstream.model.ckpt"))
    if case == "tau":
        # and as OpenSTL's publish_model writes a published .pth: the bare state dict, torch.save's legacy format
        torch.save(after, os.path.join(d, "upstream.model.legacy.pth"), _use_new_zipfile_serialization=False)
    for name, v in state.items():
        if not name.endswith("num_batches_tracked"):
            np.save(os.path.join(d, "w.%s.npy" % name), f32(ours(name, v)))
    for name, v in grads.items():
        np.save(os.path.join(d, "grad.%s.npy" % name), f32(ours(name, v)))
    commit = os.environ.get("UPSTREAM_COMMIT") or subprocess.run(
        ["git", "-C", repo, "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip() or "unknown"
    with open(os.path.join(d, "case.txt"), "w") as f:
        f.write("script=reference/simvp_parity.py sha256=%s\n" % sha256(os.path.abspath(__file__)))
        for rel in ("openstl/models/simvp_model.py", "openstl/modules/simvp_modules.py"):
            f.write("upstream=%s sha256=%s commit=%s\n" % (rel, sha256(os.path.join(repo, rel)), commit))
        f.write("case=%s %s loss_scale=%g reference=float64 torch=%s\n" % (
            case, " ".join("%s=%s" % kv for kv in c.items()), scale, torch.__version__))
    print("wrote %s: loss scale %g, loss %.6f, smallest gradient peak %.2e, PyTorch float32 within %.2f of the"
          " tolerance (%s)" % (case, scale, loss.item(), peak * scale, worst[0], worst[1]))


def load_export(case, repo, model_class, export):
    c = CASES[case]
    d = os.path.join(PARITY, case)
    saved = torch.load(export, map_location="cpu", weights_only=True)["state_dict"]
    state = {k[len("model."):]: v for k, v in saved.items()}
    model = build(model_class, c)
    model.load_state_dict(state, strict=True)  # raises on any missing or unexpected name
    model.eval()
    clip = torch.from_numpy(np.load(os.path.join(d, "clip.npy")))
    with torch.no_grad():
        pred = predict(model, clip[:, :c["j"]], c["k"])
    np.save(os.path.join(d, "upstream.from-export.eval.predictions.npy"), pred.numpy().astype(np.float32))
    commit = os.environ.get("UPSTREAM_COMMIT") or subprocess.run(
        ["git", "-C", repo, "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip() or "unknown"
    with open(os.path.join(d, "upstream.from-export.provenance.txt"), "w") as f:
        f.write("script=reference/simvp_parity.py sha256=%s\n" % sha256(os.path.abspath(__file__)))
        f.write("upstream=openstl/models/simvp_model.py commit=%s\n" % commit)
        f.write("export sha256=%s\n" % sha256(export))
    print("%s: OpenSTL loaded the export strictly (%d tensors) and predicted %s" % (case, len(state), tuple(pred.shape)))


if __name__ == "__main__":
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--openstl", required=True, help="checkout of chengtan9907/OpenSTL")
    p.add_argument("--load-export", nargs=2, metavar=("CASE", "EXPORT"))
    p.add_argument("cases", nargs="*", help="only these cases (default: all)")
    a = p.parse_args()
    torch.set_num_threads(1)
    model_class = openstl_simvp(os.path.abspath(a.openstl))
    if a.load_export:
        load_export(a.load_export[0], os.path.abspath(a.openstl), model_class, a.load_export[1])
        sys.exit(0)
    for case in a.cases or list(CASES):
        make(case, os.path.abspath(a.openstl), model_class)
