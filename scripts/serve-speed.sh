#!/usr/bin/env bash
# Serving speed as a lab sees it: a video looped over TCP in real time (MPEG-TS at its own frame rate, by FFmpeg)
# into `augur bursts serve --realtime` on one core (AUGUR_THREADS=1), with the web page open in headless Chromium
# and a program reading /events for the whole run. Prints frames forecast per second of stream, frames skipped,
# latency percentiles from /metrics (decoded frame to forecast, last 1,800 frames), the server's CPU and memory.
# Usage: scripts/serve-speed.sh MODEL VIDEO [SECONDS=120]   (AUGUR: the launcher to use)
set -euo pipefail
model=$1 video=$2 seconds=${3:-120}
root=$(cd "$(dirname "$0")/.." && pwd)
stream_port=$((20000 + RANDOM % 10000)) http_port=$((30000 + RANDOM % 10000))
work=$(mktemp -d)
ffmpeg -loglevel error -re -stream_loop -1 -i "$video" -an -c:v mpeg2video -q:v 3 -f mpegts \
  "tcp://127.0.0.1:$stream_port?listen=1" &
streamer=$!
sleep 1
AUGUR_THREADS=1 "${AUGUR:-$root/augur}" bursts serve --model "$model" --video "tcp://127.0.0.1:$stream_port" \
  --realtime --port "$http_port" --idle-seconds 30 >/dev/null &
server=$!
pids="$server $streamer"
trap 'kill $pids 2>/dev/null || true; rm -rf "$work"' EXIT
until curl -sf "http://127.0.0.1:$http_port/healthz" >/dev/null; do
  kill -0 "$server" 2>/dev/null || { echo "serve-speed: the server stopped" >&2; exit 1; }
  sleep 0.5
done
java_pid=$(pgrep -P "$server" java || echo "$server")
curl -sN "http://127.0.0.1:$http_port/events" >"$work/events.txt" &
pids="$pids $!"
chromium --headless --no-sandbox --disable-gpu --timeout=$((seconds * 1000)) \
  --screenshot="$work/page.png" --window-size=1280,900 "http://127.0.0.1:$http_port/" >/dev/null 2>&1 &
pids="$pids $!"
metric() { awk -v k="$1" '$1 == k {print $2}' <<<"$2"; }
cpu() { awk '{print $14 + $15}' "/proc/$java_pid/stat"; }
before=$(curl -sf "http://127.0.0.1:$http_port/metrics")
cpu0=$(cpu) t0=$(date +%s.%N)
sleep "$seconds"
after=$(curl -sf "http://127.0.0.1:$http_port/metrics")
cpu1=$(cpu) t1=$(date +%s.%N)
frames=$(($(metric augur_frames_forecast_total "$after") - $(metric augur_frames_forecast_total "$before")))
skipped=$(($(metric augur_frames_skipped_total "$after") - $(metric augur_frames_skipped_total "$before")))
q() { metric "augur_forecast_latency_seconds{quantile=\"$1\"}" "$after"; }
awk -v f="$frames" -v s="$skipped" -v t0="$t0" -v t1="$t1" -v c0="$cpu0" -v c1="$cpu1" -v hz="$(getconf CLK_TCK)" \
  -v p50="$(q 0.5)" -v p95="$(q 0.95)" -v p99="$(q 0.99)" -v rss="$(metric process_resident_memory_bytes "$after")" \
  -v ev="$(grep -c '^data:' "$work/events.txt" || true)" 'BEGIN {
    w = t1 - t0
    printf "%.0f s: %d frames forecast (%.1f/s), %d skipped; latency median %.1f ms, p95 %.1f ms, p99 %.1f ms;\n",
           w, f, f / w, s, 1000 * p50, 1000 * p95, 1000 * p99
    printf "server CPU %.0f%% of one core, RSS %.0f MB; /events delivered %d forecasts to a reader\n",
           100 * (c1 - c0) / hz / w, rss / 1048576, ev }'
