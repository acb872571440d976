#!/usr/bin/env bash
# Issue 5's numbers at one stated budget (2 cores, no GPU): seed 002's E3D-LSTM study grid on Moving MNIST, then
# ConvLSTM, PredRNN and E3D-LSTM side by side on Moving MNIST and on synthetic radar echoes (10 -> 10 frames).
# Every model: 2 layers x 16 channels, 5x5 filters, batch 8, Adam 1e-3, (L1+L2)/2 loss, scheduled sampling from
# 1 to 0 over 3/4 of the steps, no gradient clipping, seed 1. Resumable: re-running continues where it stopped.
# Usage: [PARTS="study mnist radar"] [LOSS=l1l2:0.5] scripts/bench-e3d.sh OUT_DIR [STEPS]
set -euo pipefail
out=${1:?output folder}
steps=${2:-300}
augur=${AUGUR:-./augur}
parts=${PARTS:-study mnist radar}
loss=${LOSS:-l1l2:0.5}
mnist=(--data moving-mnist --digits 2 --patch 8)
radar=(--data radar --patch 10)
common=(--hidden 16,16 --filter 5 --input-length 10 --future 10 --batch-size 8 --lr 1e-3 --loss "$loss"
        --clip-norm 0 --steps "$steps" --checkpoint-every 50 --seed 1)

has() { [[ " $parts " == *" $1 "* ]]; }

if has study; then
$augur video study "${mnist[@]}" --hidden 16,16 --filter 5 --steps "$steps" --batch-size 8 --sequences 1000 \
  --out "$out/study-mnist"
fi

train() { # name data-options... -- model-options...
  local dir=$1; shift
  if [ -f "$dir/model/model.json" ]; then return; fi
  local resume=(); [ -f "$dir/checkpoint.npz" ] && resume=(--resume)
  $augur video train "$@" "${common[@]}" "${resume[@]}" --out "$dir"
}
if has mnist; then
train "$out/mnist/convlstm" "${mnist[@]}" --model convlstm
train "$out/mnist/predrnn" "${mnist[@]}" --model predrnn --layer-norm
train "$out/mnist/e3d_lstm" "${mnist[@]}" --model e3d_lstm --layer-norm
$augur video compare --model "$out/mnist/convlstm/model" --model "$out/mnist/predrnn/model" \
  --model "$out/mnist/e3d_lstm/model" --sequences 1000 --future 10 --out "$out/mnist/compare"
fi

if has radar; then
train "$out/radar/convlstm" "${radar[@]}" --model convlstm
train "$out/radar/predrnn" "${radar[@]}" --model predrnn --layer-norm
train "$out/radar/e3d_lstm" "${radar[@]}" --model e3d_lstm --layer-norm
$augur video compare --model "$out/radar/convlstm/model" --model "$out/radar/predrnn/model" \
  --model "$out/radar/e3d_lstm/model" --sequences 1000 --future 10 --out "$out/radar/compare"
fi
