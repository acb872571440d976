#!/usr/bin/env python3
"""Checkpoint fixtures for TorchCheckpointTest, written with Debian's python3-torch:

    /usr/bin/python3 reference/checkpoints_reference.py

small.pt    torch.save({'net_param': state_dict, 'itr': 7}) as predrnn-pytorch saves (model.ckpt-N): a float32
            conv weight, a transposed (non-contiguous) view saved as it is, a parameter and a scalar; the expected
            values beside it in small.expected.json (float32 values printed as Python floats).
small_legacy.pt  the same object in torch.save's legacy format (_use_new_zipfile_serialization=False: pickles and
            raw storages in one stream, as OpenSTL publishes its weights).
hostile.pt  the same zip layout, whose data.pkl calls os.system when Python's pickle loads it: Augur must refuse it
            and run nothing.
"""
import hashlib
import json
import os
import pickle
import zipfile

import torch

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "augur-core", "src", "test", "resources", "dev",
                   "augur", "io")


class Hostile:
    def __reduce__(self):
        return os.system, ("touch /tmp/augur-hostile-pickle-ran",)


if __name__ == "__main__":
    g = torch.Generator().manual_seed(1)
    conv = torch.randn(4, 2, 3, 3, generator=g)
    base = torch.randn(3, 5, generator=g)
    state = {"cell_list.0.conv_x.0.weight": conv, "transposed": base.t(),
             "conv_last.weight": torch.nn.Parameter(torch.randn(1, 4, 1, 1, generator=g)), "scalar": torch.tensor(2.5)}
    from collections import OrderedDict
    torch.save({"net_param": OrderedDict(state), "itr": 7}, os.path.join(OUT, "small.pt"))
    torch.save({"net_param": OrderedDict(state), "itr": 7}, os.path.join(OUT, "small_legacy.pt"),
               _use_new_zipfile_serialization=False)
    expected = {k: {"shape": list(v.shape), "values": [float(x) for x in v.detach().flatten()]}
                for k, v in state.items()}
    with open(os.path.join(OUT, "small.expected.json"), "w") as f:
        json.dump(expected, f)
    with zipfile.ZipFile(os.path.join(OUT, "hostile.pt"), "w") as z:
        z.writestr("hostile/data.pkl", pickle.dumps({"net_param": Hostile()}, protocol=2))
        z.writestr("hostile/version", "3\n")
    with open(os.path.abspath(__file__), "rb") as script, open(os.path.join(OUT, "small.provenance.txt"), "w") as f:
        f.write("script=reference/checkpoints_reference.py sha256=%s\ntorch=%s\n"
                % (hashlib.sha256(script.read()).hexdigest(), torch.__version__))
    print("wrote", OUT)
