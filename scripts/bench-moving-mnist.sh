#!/usr/bin/env bash
# Issue 4's Moving MNIST comparison: ConvLSTM, the PredRNN paper's Eq. 3 ablation (memory_flow) and PredRNN
# (ST-LSTM), one stated configuration and the same number of iterations each, then MNIST-2 and MNIST-3 (transfer)
# tests on 5,000 fixed sequences. Resumable: re-running continues each model from its checkpoint.
# Usage: scripts/bench-moving-mnist.sh OUT_DIR [ITERATIONS=3000] [SEED=1] [MODELS="convlstm memory_flow predrnn"]
#        [DIGITS="2 3"]
set -euo pipefail
out=${1:?output folder}
steps=${2:-3000}
seed=${3:-1}
models=(${4:-convlstm memory_flow predrnn})
digit_sets=(${5:-2 3})
augur=${AUGUR:-./augur}
common=(--data moving-mnist --digits 2 --hidden 32,32 --filter 3 --patch 4 --input-length 10 --future 10
        --batch-size 8 --lr 1e-3 --loss l1l2 --clip-norm 0 --steps "$steps" --checkpoint-every 250 --seed "$seed")
for model in "${models[@]}"; do
  if [ -f "$out/$model/model/model.json" ]; then continue; fi
  resume=(); [ -f "$out/$model/checkpoint.npz" ] && resume=(--resume)
  extra=(); [ "$model" = predrnn ] && extra=(--layer-norm)
  start=$(date +%s)
  $augur video train --model "$model" "${common[@]}" "${extra[@]}" "${resume[@]}" --out "$out/$model"
  echo "$model $(( $(date +%s) - start )) s" >> "$out/train_seconds.txt"
done
bundles=(); for model in "${models[@]}"; do bundles+=(--model "$out/$model/model"); done
for digits in "${digit_sets[@]}"; do
  [ -f "$out/mnist-$digits/metrics.json" ] && continue
  $augur video compare "${bundles[@]}" --sequences 5000 --future 10 --digits "$digits" --out "$out/mnist-$digits"
done
