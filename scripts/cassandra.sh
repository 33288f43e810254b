#!/usr/bin/env bash
#
# Local single-node Cassandra 5.0.6 for development and tests, run straight from the
# cassandra-all jars on Maven Central (no Docker, no system package). Listens on 127.0.0.1 only.
#
# Usage: scripts/cassandra.sh start|stop|status|wait [options]
#
#   start    download the jars if needed, start the node in the background and wait until
#            it accepts CQL clients; does nothing if it is already running
#   stop     SIGTERM the process in the pid file, SIGKILL after 30 s
#   status   print whether it runs; exit 0 if running, 3 if not
#   wait     wait until an already started node accepts CQL clients
#
# Options (environment variable in brackets):
#   --dir DIR           state directory, default ./data/cassandra     [MICROCOSM_CASSANDRA_DIR]
#                       holds lib/ (jars), conf/, data/, logs/, tmp/ and cassandra.pid
#   --cql-port N        CQL port, default 9042                        [MICROCOSM_CASSANDRA_PORT]
#   --storage-port N    internode port, default 7000                  [MICROCOSM_CASSANDRA_STORAGE_PORT]
#   --heap SIZE         JVM heap (-Xms = -Xmx), default 512m          [MICROCOSM_CASSANDRA_HEAP]
#   --timeout SECONDS   how long start and wait wait, default 120
#
# Needs Java 17 ($JAVA_HOME, else java on PATH, else /usr/lib/jvm/java-17-openjdk-amd64) and,
# for the one-time download of the jars (~66 MB), Maven. Logs: DIR/logs/system.log.
#
# Examples:
#   scripts/cassandra.sh start
#   scripts/cassandra.sh start --dir /tmp/cass --cql-port 19042 --storage-port 17000
#   scripts/cassandra.sh stop --dir /tmp/cass

set -euo pipefail

readonly VERSION=5.0.6
readonly HOST=127.0.0.1
readonly RESOURCES=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/cassandra
readonly FALLBACK_JAVA=/usr/lib/jvm/java-17-openjdk-amd64/bin/java

die() { echo "cassandra.sh: $*" >&2; exit 1; }
usage() { awk 'NR > 2 && !/^#/ { exit } NR > 2 { sub(/^# ?/, ""); print }' "$0"; exit "$1"; }

# Microseconds since the epoch; EPOCHREALTIME is bash 5 and may use a comma as separator.
now() { echo "${EPOCHREALTIME/[.,]/}"; }
since() { local tenths=$((($(now) - $1) / 100000)); echo "$((tenths / 10)).$((tenths % 10))"; }

# --- arguments ---------------------------------------------------------------

command=${1:-}
case $command in
  start | stop | status | wait) shift ;;
  -h | --help) usage 0 ;;
  *) usage 2 >&2 ;;
esac

dir=${MICROCOSM_CASSANDRA_DIR:-./data/cassandra}
cql_port=${MICROCOSM_CASSANDRA_PORT:-9042}
storage_port=${MICROCOSM_CASSANDRA_STORAGE_PORT:-7000}
heap=${MICROCOSM_CASSANDRA_HEAP:-512m}
timeout=120

while (($#)); do
  case $1 in
    -h | --help) usage 0 ;;
    --dir | --cql-port | --storage-port | --heap | --timeout) (($# >= 2)) || die "$1 needs a value" ;;
    *) die "unknown option '$1' (see --help)" ;;
  esac
  case $1 in
    --dir) dir=$2 ;;
    --cql-port) cql_port=$2 ;;
    --storage-port) storage_port=$2 ;;
    --heap) heap=$2 ;;
    --timeout) timeout=$2 ;;
  esac
  shift 2
done

[[ $cql_port =~ ^[0-9]+$ && $storage_port =~ ^[0-9]+$ ]] || die "ports must be numbers"
[[ $cql_port != "$storage_port" ]] || die "CQL and storage port must differ"
[[ $heap =~ ^[0-9]+[kKmMgG]?$ ]] || die "--heap takes a JVM size such as 512m or 1g"
[[ $timeout =~ ^[0-9]+$ ]] || die "--timeout takes whole seconds"
# The paths end up unescaped in file:// URLs and YAML.
[[ $dir != *[[:space:]]* ]] || die "--dir must not contain whitespace"

dir=$(realpath -m -- "$dir")
lib=$dir/lib
conf=$dir/conf
data=$dir/data
logs=$dir/logs
pid_file=$dir/cassandra.pid

# --- helpers -----------------------------------------------------------------

port_open() { (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null; }

# A zombie (our own child that died during start) is not alive.
alive() {
  local state
  state=$(ps -o stat= -p "$1" 2>/dev/null) && [[ $state != Z* ]]
}

# A pid only counts if it is a live Cassandra started with this directory's config,
# so a stale pid file never makes us signal an unrelated process that reused the pid.
is_ours() {
  [[ $1 =~ ^[0-9]+$ && -r /proc/$1/cmdline ]] || return 1
  tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null | grep -qF -- "-Dcassandra.config=file://$conf/cassandra.yaml"
}

running_pid() {
  local pid
  pid=$(cat "$pid_file" 2>/dev/null) || return 0
  if is_ours "$pid"; then echo "$pid"; fi
}

conf_port() { awk '/^native_transport_port:/ { print $2 }' "$conf/cassandra.yaml" 2>/dev/null; }

java_major() { "$1" -version 2>&1 | awk -F'"' '/version/ { split($2, v, "."); print (v[1] == 1 ? v[2] : v[1]); exit }'; }

# Cassandra 5.0 does not start on JDKs newer than 17 (it installs a security Policy).
find_java() {
  local java major
  if [[ -n ${JAVA_HOME:-} ]]; then java=$JAVA_HOME/bin/java; else java=$(command -v java || true); fi
  major=$([[ -x $java ]] && java_major "$java" || true)
  if [[ $major == 17 ]]; then echo "$java"; return; fi
  local found
  if [[ -z $java ]]; then found="there is no java on PATH"
  elif [[ -z $major ]]; then found="$java does not run"
  else found="$java is Java $major"; fi
  if [[ -x $FALLBACK_JAVA && $(java_major "$FALLBACK_JAVA") == 17 ]]; then
    echo "Cassandra $VERSION needs Java 17 but $found; using $FALLBACK_JAVA" >&2
    echo "$FALLBACK_JAVA"
    return
  fi
  die "Cassandra $VERSION needs Java 17 but $found; set JAVA_HOME to a JDK 17"
}

ensure_jars() {
  # The marker is written last, so an interrupted download is thrown away and redone.
  local marker=$lib/.complete-$VERSION t0
  [[ -f $marker ]] && return
  command -v mvn >/dev/null || die "mvn is needed once to download the Cassandra jars"
  echo "Downloading Cassandra $VERSION jars into $lib (once)..."
  t0=$(now)
  rm -rf "$lib"
  mkdir -p "$logs"
  # Maven's output only matters when it fails (and -q still leaks colour codes on success).
  if ! mvn -q -B -f "$RESOURCES/pom.xml" dependency:copy-dependencies \
    -Dcassandra.version="$VERSION" -DoutputDirectory="$lib" </dev/null >"$logs/download.log" 2>&1; then
    cat "$logs/download.log" >&2
    die "downloading the Cassandra jars failed (Maven output above, also in $logs/download.log)"
  fi
  touch "$marker"
  echo "Downloaded $(find "$lib" -name '*.jar' | wc -l) jars in $(since "$t0") s"
}

# Rewritten on every start so that changed ports take effect.
write_conf() {
  mkdir -p "$conf" "$data" "$logs" "$dir/tmp"
  local yaml
  yaml=$(<"$RESOURCES/cassandra.yaml.template")
  yaml=${yaml//@DATA_DIR@/"$data"}
  yaml=${yaml//@LISTEN_ADDRESS@/"$HOST"}
  yaml=${yaml//@CQL_PORT@/"$cql_port"}
  yaml=${yaml//@STORAGE_PORT@/"$storage_port"}
  printf '%s\n' "$yaml" >"$conf/cassandra.yaml"
  cp "$RESOURCES/logback.xml" "$conf/logback.xml"
}

jvm_options() {
  local m
  # Java 17 module access Cassandra needs (its own jvm17-server.options); without it the
  # daemon dies at once on sun.nio.ch.DirectBuffer.cleaner.
  for m in java.base/jdk.internal.misc java.management.rmi/com.sun.jmx.remote.internal.rmi \
    java.rmi/sun.rmi.registry java.rmi/sun.rmi.server java.sql/java.sql java.base/java.lang.ref \
    jdk.unsupported/sun.misc jdk.compiler/com.sun.tools.javac.file jdk.attach/sun.tools.attach; do
    echo "--add-exports=$m=ALL-UNNAMED"
  done
  for m in java.lang.module jdk.internal.loader jdk.internal.ref jdk.internal.reflect \
    jdk.internal.math jdk.internal.module jdk.internal.util.jar sun.nio.ch java.io \
    java.lang.reflect java.lang java.util; do
    echo "--add-opens=java.base/$m=ALL-UNNAMED"
  done
  echo "--add-opens=jdk.management/com.sun.management.internal=ALL-UNNAMED"
  echo "--add-opens=jdk.compiler/com.sun.tools.javac=ALL-UNNAMED"
  printf '%s\n' \
    "-Xms$heap" "-Xmx$heap" -Xss256k -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError \
    "-XX:ErrorFile=$logs/hs_err_%p.log" "-Djava.io.tmpdir=$dir/tmp" \
    -Dio.netty.tryReflectionSetAccessible=true -Djava.net.preferIPv4Stack=true \
    -Djdk.attach.allowAttachSelf=true \
    "-Dcassandra.config=file://$conf/cassandra.yaml" -Dcassandra-foreground=yes \
    "-Dcassandra.storagedir=$data" "-Dcassandra.logdir=$logs" \
    "-Dlogback.configurationFile=file://$conf/logback.xml"
  # Start in seconds rather than half a minute: a single node has no ring to wait for, and
  # C1 alone is plenty for development load.
  printf '%s\n' \
    -XX:TieredStopAtLevel=1 -Dcassandra.skip_wait_for_gossip_to_settle=0 \
    -Dcassandra.ring_delay_ms=100 -Dcassandra.superuser_setup_delay_ms=0 \
    -Dcassandra.memtable.row_overhead_size=180 -Dcassandra.shutdown_announce_in_ms=0 \
    -Dcassandra.test.messagingService.nonGracefulShutdown=true
}

show_logs() {
  local f
  for f in "$logs/system.log" "$logs/console.log"; do
    if [[ -s $f ]]; then
      echo "----- last 40 lines of $f"
      tail -n 40 "$f" | cut -c 1-500 # config and classpath dumps are single huge lines
    fi
  done >&2
}

# Ready means the log announces the CQL listener and the port really accepts connections.
wait_ready() {
  local pid=$1 port=$2 t0=$3 secs next=5
  while :; do
    if ! alive "$pid"; then
      echo "Cassandra (pid $pid) exited during startup" >&2
      return 1
    fi
    if grep -qs 'Starting listening for CQL clients' "$logs/system.log" && port_open "$port"; then
      return 0
    fi
    secs=$((($(now) - t0) / 1000000))
    if ((secs >= timeout)); then
      echo "Cassandra (pid $pid) not ready on $HOST:$port after $timeout s" >&2
      return 1
    fi
    if ((secs >= next)); then
      echo "  still starting... ${secs} s"
      next=$((secs + 5))
    fi
    sleep 0.5
  done
}

stop_pid() {
  local pid=$1 i
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 60; i++)); do
    alive "$pid" || return 0
    sleep 0.5
  done
  echo "Cassandra (pid $pid) still running after 30 s, sending SIGKILL"
  kill -KILL "$pid" 2>/dev/null || true
  for ((i = 0; i < 20; i++)); do
    alive "$pid" || return 0
    sleep 0.5
  done
  die "Cassandra (pid $pid) did not exit"
}

refuse_taken_port() {
  if port_open "$1"; then
    die "$2 $1 on $HOST is already in use by another process; stop it or choose another with $3"
  fi
}

# --- commands ----------------------------------------------------------------

cmd_start() {
  local pid java t0 opts port detach=(setsid)
  pid=$(running_pid)
  if [[ -n $pid ]]; then
    port=$(conf_port)
    echo "Cassandra already running (pid $pid, CQL $HOST:$port, data $dir)"
    if [[ $port != "$cql_port" ]]; then
      echo "Note: not on the requested CQL port $cql_port; stop it first to change ports" >&2
    fi
    return 0
  fi
  rm -f "$pid_file"
  refuse_taken_port "$cql_port" "CQL port" --cql-port
  refuse_taken_port "$storage_port" "storage port" --storage-port
  java=$(find_java)
  ensure_jars
  write_conf

  # Keep the previous run's logs for post-mortems; the fresh system.log is what we watch.
  local f
  for f in system.log console.log; do
    if [[ -f $logs/$f ]]; then mv -f "$logs/$f" "$logs/$f.1"; fi
  done

  # setsid detaches the daemon from our terminal and process group, so Ctrl-C or the end
  # of a CI step does not take it down; without job control it execs in place, so $! is
  # the JVM's pid.
  command -v setsid >/dev/null || detach=(nohup)
  mapfile -t opts < <(jvm_options)
  t0=$(now)
  (
    cd "$dir" # hs_err files and the like land here rather than in the caller's directory
    exec "${detach[@]}" "$java" "${opts[@]}" -cp "$conf:$lib/*" org.apache.cassandra.service.CassandraDaemon
  ) </dev/null >"$logs/console.log" 2>&1 &
  pid=$!
  echo "$pid" >"$pid_file"
  echo "Starting Cassandra $VERSION (pid $pid, java $java, CQL $HOST:$cql_port, storage $HOST:$storage_port)"

  if ! wait_ready "$pid" "$cql_port" "$t0"; then
    show_logs
    if alive "$pid"; then stop_pid "$pid"; fi
    rm -f "$pid_file"
    exit 1
  fi
  echo "Cassandra $VERSION ready on $HOST:$cql_port after $(since "$t0") s (pid $pid, data $dir)"
}

cmd_stop() {
  local pid t0
  pid=$(running_pid)
  if [[ -z $pid ]]; then
    rm -f "$pid_file"
    echo "Cassandra not running (data $dir)"
    return 0
  fi
  t0=$(now)
  stop_pid "$pid"
  rm -f "$pid_file"
  echo "Cassandra stopped (pid $pid) after $(since "$t0") s"
}

cmd_status() {
  local pid port state="accepting CQL clients"
  pid=$(running_pid)
  if [[ -z $pid ]]; then
    echo "Cassandra not running (data $dir)"
    exit 3
  fi
  port=$(conf_port)
  port_open "$port" || state="not accepting CQL clients yet"
  echo "Cassandra running (pid $pid, CQL $HOST:$port $state, data $dir)"
}

cmd_wait() {
  local pid port t0
  pid=$(running_pid)
  [[ -n $pid ]] || die "Cassandra is not running (data $dir)"
  port=$(conf_port)
  t0=$(now)
  if ! wait_ready "$pid" "$port" "$t0"; then
    show_logs
    exit 1
  fi
  echo "Cassandra $VERSION ready on $HOST:$port after $(since "$t0") s (pid $pid, data $dir)"
}

"cmd_$command"
