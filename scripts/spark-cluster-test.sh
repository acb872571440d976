#!/usr/bin/env bash
# augur spark on a real Spark standalone cluster on this machine: a master and two workers (Spark's own classes,
# over a SPARK_HOME made of the module's Spark jars), then prepare and score over several videos with
# --master spark://..., a worker killed mid-job, and a driver killed mid-job and re-run. Every video's rows must be
# there exactly once, equal to the single-machine answer (bursts label). About 4 minutes on 2 cores.
#
#   scripts/spark-cluster-test.sh [work-dir]        (default: a fresh temporary folder)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${1:-$(mktemp -d)}"
mkdir -p "$work"
port=$((17000 + RANDOM % 1000))
master="spark://127.0.0.1:$port"
pids=()
cleanup() { for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
fail() { echo "spark-cluster-test: FAILED: $*" >&2; exit 1; }

echo "== building the Spark module"
(cd "$root" && mvn -B -q -ntp -DskipTests -Dspotless.check.skip=true -Dcheckstyle.skip -Pspark -pl augur-spark -am install)

echo "== a Spark distribution in $work/spark: Spark's jars and the logging/JSON jars every distribution has"
home="$work/spark"
rm -rf "$home" && mkdir -p "$home/jars"
ln -s "$root"/augur-spark/target/spark-lib/*.jar "$home/jars/"
for j in "$root"/augur-spark/target/lib/{slf4j,jackson-annotations,jackson-core,jackson-databind}*.jar; do
  ln -sf "$j" "$home/jars/"
done
touch "$home/RELEASE"   # Spark's launcher reads jars/ only from a release layout
export SPARK_HOME="$home" SPARK_SCALA_VERSION=2.13
opens="$(grep -v '^#' "$root/augur-spark/jvm.args" | grep add-opens | tr '\n' ' ')"

echo "== master $master and two workers (1 core each)"
java $opens -Xmx512m -cp "$home/jars/*" org.apache.spark.deploy.master.Master \
  --host 127.0.0.1 --port "$port" --webui-port $((port + 1)) > "$work/master.log" 2>&1 &
pids+=($!)
sleep 5
for w in 1 2; do
  java $opens -Xmx512m -cp "$home/jars/*" org.apache.spark.deploy.worker.Worker "$master" --host 127.0.0.1 \
    --cores 1 --memory 3g --webui-port $((port + 1 + w)) --work-dir "$work/worker-$w" > "$work/worker-$w.log" 2>&1 &
  pids+=($!)
done
for i in $(seq 60); do
  [ "$(grep -c 'Registering worker' "$work/master.log" || true)" -ge 2 ] && break
  sleep 1
done
[ "$(grep -c 'Registering worker' "$work/master.log" || true)" -ge 2 ] || fail "workers did not register (see $work/*.log)"
worker1=${pids[1]}

echo "== six simulated tanks of 45 s, and the single-machine labels of each"
mkdir -p "$work/videos" "$work/labels"
for s in 1 2 3 4 5 6; do
  [ -f "$work/videos/tank-$s.mp4" ] || "$root/augur" bursts simulate --out "$work/videos/tank-$s.mp4" --seconds 45 \
    --seed "$s" > /dev/null 2>&1
  "$root/augur" bursts label --video "$work/videos/tank-$s.mp4" --out "$work/labels/tank-$s.csv" > /dev/null 2>&1
done

expect_rows() {  # every video's frames table: as many rows as bursts label wrote, no more (no duplicates)
  "$root/augur" spark summarise --out "$1" --master local[1] > "$work/summary.txt" 2>> "$work/driver.log"
  for s in 1 2 3 4 5 6; do
    want=$(($(wc -l < "$work/labels/tank-$s.csv") - 1))
    got=$(awk -F, -v v="tank-$s.mp4" '$1 == v {print $2}' "$work/summary.txt")
    [ "$got" = "$want" ] || fail "tank-$s.mp4: $got frame rows in $1, bursts label gives $want"
  done
}

echo "== prepare on the cluster; worker 1 killed once a video is done"
out="$work/out-worker-killed"
rm -rf "$out"
"$root/augur" spark prepare --master "$master" --videos "$work/videos" --out "$out" --concurrent 2 \
  > "$work/prepare.txt" 2>> "$work/driver.log" &
driver=$!
for i in $(seq 300); do
  [ -n "$(find "$out/frames" -name _SUCCESS 2>/dev/null | head -1)" ] && break
  sleep 0.5
done
kill -9 "$worker1" && echo "   killed worker 1 (pid $worker1)"
wait "$driver" || fail "prepare exited non-zero after a worker died (see $work/driver.log)"
cat "$work/prepare.txt"
grep -q "6 videos written" "$work/prepare.txt" || fail "not every video was written"
expect_rows "$out"
echo "   every video's rows exactly once"

echo "== score on the cluster (one worker left) with a model trained here"
model="$root/runs/quickstart/run/model"
if [ ! -f "$model/model.json" ]; then
  "$root/augur" bursts train --video "$work/videos/tank-1.mp4" --out "$work/run" --factor 4 --window 60 --hidden 8 \
    --batch-size 8 --lr 1e-3 --steps 30 > /dev/null 2>&1
  model="$work/run/model"
fi
"$root/augur" spark score --master "$master" --videos "$work/videos" --model "$model" --out "$out" \
  2>> "$work/driver.log" | tee "$work/score.txt"
grep -q "6 videos written" "$work/score.txt" || fail "score did not write every video"

echo "== a driver killed mid-job, then the same command again"
out2="$work/out-driver-killed"
rm -rf "$out2"
"$root/augur" spark prepare --master "$master" --videos "$work/videos" --out "$out2" --concurrent 1 \
  > /dev/null 2>> "$work/driver.log" &
driver=$!
for i in $(seq 300); do
  [ -n "$(find "$out2/frames" -name _SUCCESS 2>/dev/null | head -1)" ] && break
  sleep 0.5
done
pkill -9 -P "$driver" java || true
kill -9 "$driver" 2>/dev/null || true
wait "$driver" 2>/dev/null || true
done_before=$(find "$out2/frames" -name _SUCCESS | wc -l)
echo "   driver killed with $done_before of 6 videos complete"
"$root/augur" spark prepare --master "$master" --videos "$work/videos" --out "$out2" 2>> "$work/driver.log" \
  | tee "$work/rerun.txt"
grep -q "$done_before already complete (skipped)" "$work/rerun.txt" || fail "the re-run did not skip finished videos"
expect_rows "$out2"
echo "spark-cluster-test: PASSED ($work)"
