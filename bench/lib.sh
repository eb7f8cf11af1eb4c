# What the benchmark scripts share: starting Sluice from the jar on core 0, wrk on core 1, and running a main class of
# the tests. The sourcing script sets: work (a scratch folder), TOKEN, HEAP, CDS (JVM options), JAVA_HOME.

say() { printf '== %s\n' "$*" >&2; }

# start_sluice DATA [options...]: Sluice from the jar on core 0; sets SLUICE (pid), SPORT
start_sluice() {
  local data=$1; shift
  : > "$work/sluice.log"
  SLUICE_ADMIN_TOKEN=$TOKEN taskset -c 0 "$JAVA_HOME/bin/java" -Xmx"$HEAP" "${CDS[@]}" -jar target/sluice.jar serve --port 0 \
    --data-dir "$data" "$@" >> "$work/sluice.log" 2>&1 &
  SLUICE=$!
  SPORT=
  for _ in $(seq 1 600); do
    SPORT=$(sed -n 's|.*Sluice listening on http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$work/sluice.log" | head -1)
    [ -n "$SPORT" ] && return 0
    kill -0 "$SLUICE" 2>/dev/null || break
    sleep 0.05
  done
  echo "Sluice did not start:" >&2; cat "$work/sluice.log" >&2; exit 1
}
stop_sluice() { kill "$SLUICE"; wait "$SLUICE" 2>/dev/null || true; SLUICE=; }
peak_rss_mb() { awk '/VmHWM/ {printf "%d", $2 / 1024}' "/proc/$SLUICE/status"; }

# run_wrk PORT PATH HEADERS SCRIPT DURATION: prints "req/s p50_ms p99_ms"
run_wrk() {
  local args=(-t2 -c32 -d"$5" --latency)
  local IFS=';'
  for h in $3; do [ -n "$h" ] && args+=(-H "$h"); done
  unset IFS
  [ -n "$4" ] && args+=(-s "$4")
  taskset -c 1 wrk "${args[@]}" "http://127.0.0.1:$1$2" | python3 -c '
import re, sys
text = sys.stdin.read()
def ms(label):
    m = re.search(r"^\s*" + label + r"\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
    if not m:
        return float("nan")
    return float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[m.group(2)]
errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
if errors:
    sys.exit("wrk got non-2xx answers:\n" + text)
rps = re.search(r"Requests/sec:\s+([\d.]+)", text).group(1)
print(rps, ms("50%"), ms("99%"))'
}

# run_test_main CLASS: a class with a main() among the test classes, in one JVM with -Xmx256m, on the test classpath
run_test_main() {
  ./mvnw -q -B -DskipTests test-compile
  ./mvnw -q -B dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
  "$JAVA_HOME/bin/java" -Xmx256m -cp "target/classes:target/test-classes:$(cat target/bench-classpath.txt)" "$@"
}
