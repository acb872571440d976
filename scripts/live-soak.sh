#!/usr/bin/env bash
# One long live-forecasting run: a video looped over TCP (MPEG-TS, in real time, by FFmpeg) into
# `augur bursts serve --realtime`, its /metrics read once a minute. Prints and writes a CSV of elapsed minutes,
# resident memory, open DJL arrays, frames forecast and skipped, then the growth from minute 5 to the end.
# Usage: scripts/live-soak.sh MODEL VIDEO [MINUTES=60] [OUT=runs/live-soak.csv]   (AUGUR: the launcher to use)
set -euo pipefail
model=$1 video=$2 minutes=${3:-60} out=${4:-runs/live-soak.csv}
root=$(cd "$(dirname "$0")/.." && pwd)
stream_port=$((20000 + RANDOM % 10000)) http_port=$((30000 + RANDOM % 10000))
ffmpeg -loglevel error -re -stream_loop -1 -i "$video" -an -c:v mpeg2video -q:v 3 -f mpegts \
  "tcp://127.0.0.1:$stream_port?listen=1" &
streamer=$!
sleep 1
"${AUGUR:-$root/augur}" bursts serve --model "$model" --video "tcp://127.0.0.1:$stream_port" --realtime \
  --port "$http_port" --idle-seconds 30 >/dev/null &
server=$!
trap 'kill $server $streamer 2>/dev/null || true' EXIT
metric() { awk -v k="$1" '$1 == k {print $2}' <<<"$2"; }
mkdir -p "$(dirname "$out")"
echo "minute,rss_mb,ndarrays_open,frames,skipped,direct_mb" >"$out.part"
for ((m = 0; m <= minutes; m++)); do
  [ "$m" -gt 0 ] && sleep 60
  page=$(curl -sf "http://127.0.0.1:$http_port/metrics" || true)
  if [ -z "$page" ]; then
    if ! kill -0 "$server" 2>/dev/null; then echo "live-soak: the server stopped at minute $m" >&2; exit 1; fi
    continue
  fi
  rss=$(metric process_resident_memory_bytes "$page")
  line="$m,$(awk -v b="$rss" 'BEGIN {printf "%.1f", b / 1048576}'),$(metric augur_ndarrays_open "$page"),$(metric augur_frames_forecast_total "$page"),$(metric augur_frames_skipped_total "$page"),$(awk -v b="$(metric jvm_direct_buffer_bytes "$page")" 'BEGIN {printf "%.1f", b / 1048576}')"
  echo "$line" | tee -a "$out.part"
done
mv "$out.part" "$out"
awk -F, 'NR > 1 && $1 >= 5 && !first {first = $0} NR > 1 {last = $0}
  END {split(first, a, ","); split(last, b, ",");
       printf "minute %d -> %d: RSS %.1f -> %.1f MB (%+.1f), DJL arrays %d -> %d, %d frames, %d skipped\n",
              a[1], b[1], a[2], b[2], b[2] - a[2], a[3], b[3], b[4], b[5]}' "$out"
