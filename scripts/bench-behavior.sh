#!/usr/bin/env bash
# Issue 6's numbers: seed 004's CNN-LSTM and the 1D-conv baseline on simulated mouse pairs, 3 training seeds each,
# scored on held-out test videos. One stated budget for every run (2 cores, no GPU): width 64 (the seed's), 60-frame
# windows, batch 64, Adam 5e-4, up to STEPS steps, validation macro F1 every 200 steps, early stopping after 3
# validations without improvement, 20% of the training videos held out for validation (by video).
# Resumable: finished runs are skipped. Usage: scripts/bench-behavior.sh OUT_DIR [STEPS]
set -euo pipefail
out=${1:?output folder}
steps=${2:-1200}
augur=${AUGUR:-./augur}
data="$out/data"
if [ ! -f "$data/calms21_test.json" ]; then
  $augur behavior simulate --out "$data" --train-videos 10 --test-videos 4 --frames 6000 --seed 7
fi
for model in cnn_lstm conv1d; do
  for seed in 1 2 3; do
    run="$out/$model-$seed"
    if [ ! -f "$run/test/metrics.json" ]; then
      resume=(); [ -f "$run/checkpoint.npz" ] && resume=(--resume)
      $augur behavior train --data "$data/calms21_train.json" --out "$run" --model "$model" --steps "$steps" \
        --evaluate-every 200 --patience 3 --seed "$seed" "${resume[@]}"
      $augur behavior test --model "$run/model" --data "$data/calms21_test.json" --out "$run/test"
    fi
  done
done
python3 - "$out" <<'PY'
import json, statistics, sys, os
out = sys.argv[1]
def ms(v):
    return "%.3f ± %.3f" % (statistics.mean(v), statistics.stdev(v)) if all(x == x for x in v) else "n/a"
rows = []
for model in ("cnn_lstm", "conv1d"):
    runs = [json.load(open(os.path.join(out, "%s-%d" % (model, s), "test", "metrics.json"))) for s in (1, 2, 3)]
    raw = [json.load(open(os.path.join(out, "%s-%d" % (model, s), "test", "metrics_unadjusted.json"))) for s in (1, 2, 3)]
    per = {c["name"]: [r["classes"][i]["f1"] for r in runs] for i, c in enumerate(runs[0]["classes"])}
    ap = {c["name"]: [r["classes"][i]["averagePrecision"] for r in runs] for i, c in enumerate(runs[0]["classes"])}
    rows.append((model, [r["macroF1"] for r in runs], [r["macroF1WithoutOther"] for r in runs],
                 [r["macroF1"] for r in raw], per, ap))
with open(os.path.join(out, "summary.md"), "w") as f:
    names = list(rows[0][4].keys())
    f.write("| model | macro F1 | without other | macro F1, no logit adjustment | " + " | ".join("F1 " + n for n in names) + " |\n")
    f.write("|---" * (4 + len(names)) + "|\n")
    for model, f1, f1o, f1raw, per, ap in rows:
        f.write("| %s | %s | %s | %s | %s |\n" % (model, ms(f1), ms(f1o), ms(f1raw), " | ".join(ms(per[n]) for n in names)))
    f.write("\n| model | " + " | ".join("AP " + n for n in names) + " |\n")
    f.write("|---" * (1 + len(names)) + "|\n")
    for model, f1, f1o, f1raw, per, ap in rows:
        f.write("| %s | %s |\n" % (model, " | ".join(ms(ap[n]) for n in names)))
print(open(os.path.join(out, "summary.md")).read())
PY
