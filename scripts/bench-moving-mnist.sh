#!/usr/bin/env bash
# Issue 4's Moving MNIST comparison: ConvLSTM, the PredRNN paper's Eq. 3 ablation (memory_flow) and PredRNN
# (ST-LSTM), one stated configuration and the same number of iterations each, then MNIST-2 and MNIST-3 (transfer)
# tests on 5,000 fixed sequences. Resumable: re-running continues each model from its checkpoint.
# Usage: scripts/bench-moving-mnist.sh OUT_DIR [ITERATIONS]
set -euo pipefail
out=${1:?output folder}
steps=${2:-3000}
augur=${AUGUR:-./augur}
common=(--data moving-mnist --digits 2 --hidden 32,32 --filter 3 --patch 4 --input-length 10 --future 10
        --batch-size 8 --lr 1e-3 --loss l1l2 --clip-norm 0 --steps "$steps" --checkpoint-every 250 --seed 1)
for model in convlstm memory_flow predrnn; do
  if [ -f "$out/$model/model/model.json" ]; then continue; fi
  resume=(); [ -f "$out/$model/checkpoint.npz" ] && resume=(--resume)
  extra=(); [ "$model" = predrnn ] && extra=(--layer-norm)
  start=$(date +%s)
  $augur video train --model "$model" "${common[@]}" "${extra[@]}" "${resume[@]}" --out "$out/$model"
  echo "$model $(( $(date +%s) - start )) s" >> "$out/train_seconds.txt"
done
for digits in 2 3; do
  $augur video compare --model "$out/convlstm/model" --model "$out/memory_flow/model" --model "$out/predrnn/model" \
    --sequences 5000 --future 10 --digits "$digits" --out "$out/mnist-$digits"
done
