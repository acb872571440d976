#!/usr/bin/env bash
# Moving MNIST, ConvLSTM vs PredRNN, from several training seeds: scripts/bench-moving-mnist.sh once per seed
# (OUT/seed-N, resumable), then one table of each model's MNIST-2 MSE and SSIM per frame (mean over the 10 future
# frames of 5,000 fixed test sequences) per seed, and the mean ± sd over seeds.
# Usage: scripts/bench-moving-mnist-seeds.sh OUT_DIR [ITERATIONS=1000] [SEEDS="1 2 3"]
set -euo pipefail
out=${1:?output folder}
steps=${2:-1000}
seeds=(${3:-1 2 3})
here=$(dirname "$0")
for seed in "${seeds[@]}"; do
  "$here/bench-moving-mnist.sh" "$out/seed-$seed" "$steps" "$seed" "convlstm predrnn" 2
done
for seed in "${seeds[@]}"; do
  awk -F, -v seed="$seed" 'NR > 1 {mse[$1] += $4; ssim[$1] += $13; n[$1]++}
    END {for (m in n) printf "%s,%s,%.2f,%.4f\n", m, seed, mse[m] / n[m], ssim[m] / n[m]}' \
    "$out/seed-$seed/mnist-2/metrics.csv"
done | sort >"$out/seeds.csv"
awk -F, '{k = $1; s[k] = s[k] sprintf(" %s: %.1f / %.3f;", $2, $3, $4); m[k] += $3; q[k] += $3 * $3; n[k]++
          ss[k] += $4; sq[k] += $4 * $4}
  END {print "| model | per seed: MSE / SSIM | MSE mean ± sd | SSIM mean ± sd |"; print "|---|---|---|---|"
       for (k in n) {mu = m[k] / n[k]; sd = n[k] > 1 ? sqrt((q[k] - n[k] * mu * mu) / (n[k] - 1)) : 0
                     su = ss[k] / n[k]; sds = n[k] > 1 ? sqrt((sq[k] - n[k] * su * su) / (n[k] - 1)) : 0
                     printf "| %s |%s | %.1f ± %.1f | %.3f ± %.3f |\n", k, s[k], mu, sd, su, sds}}' "$out/seeds.csv" \
  | tee "$out/seeds.md"
