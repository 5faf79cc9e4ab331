#!/usr/bin/env bash
# Runs 参保通 from a clean checkout: builds target/canbao.jar when it is missing or older than the
# sources, and on a Linux machine without a display (a server, CI) supplies what a real JavaFX window
# needs — GTK 3, a CJK font JavaFX falls back to, and Xvfb — installing them with apt-get when run
# as root on Debian. Arguments are passed to the program (e.g. `installer/run.sh quote`).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -f target/canbao.jar ] || [ -n "$(find src fxml pom.xml -newer target/canbao.jar -print -quit)" ]; then
  mvn -q -B -DskipTests package
fi

# the installed launchers' heap limit (see installer/build-app-image.sh)
heap=-Xmx1g

# headless commands (quote, bench, ...) need no window
if [ $# -gt 0 ] && [[ "$1" != --* ]]; then
  if [ "$1" = quote ]; then
    # a run of seconds: one GC thread, no C2 compiler, a small heap — peak RSS on 50,000 lines 95 MB
    # instead of 316-396 MB, and faster — and the classes of the command mapped from an archive made by
    # its first run (made again for a rebuilt jar; README, "Floors in the same run"). JVM warnings go to
    # stderr, never into the answers on stdout.
    quote_cds=(-XX:SharedArchiveFile=target/canbao-quote.jsa)
    if [ ! -f target/canbao-quote.jsa ] || [ target/canbao.jar -nt target/canbao-quote.jsa ]; then
      rm -f target/canbao-quote.jsa
      quote_cds=(-XX:ArchiveClassesAtExit=target/canbao-quote.jsa)
    fi
    exec java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx128m "${quote_cds[@]}" -Xlog:disable \
      -Xlog:all=warning:stderr -jar target/canbao.jar "$@"
  fi
  exec java "$heap" -jar target/canbao.jar "$@"
fi

# Class-data sharing: the first window run records the classes it loads (written when it exits); later
# runs map that archive and start about 1.2 s sooner (4.7 s -> 3.5 s to the first frame, measured with
# --startup-probe). A rebuilt jar gets a fresh archive.
cds=(-XX:SharedArchiveFile=target/canbao.jsa -Xshare:auto)
if [ ! -f target/canbao.jsa ] || [ target/canbao.jar -nt target/canbao.jsa ]; then
  rm -f target/canbao.jsa
  cds=(-XX:ArchiveClassesAtExit=target/canbao.jsa)
fi

if [ "$(uname -s)" = Linux ]; then
  missing=()
  dpkg -s libgtk-3-0 >/dev/null 2>&1 || missing+=(libgtk-3-0)
  # fonts-wqy-microhei renders Chinese in JavaFX; fonts-noto-cjk was seen to show boxes
  dpkg -s fonts-wqy-microhei >/dev/null 2>&1 || missing+=(fonts-wqy-microhei)
  if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    command -v xvfb-run >/dev/null 2>&1 || missing+=(xvfb xauth)
  fi
  if [ ${#missing[@]} -gt 0 ] && command -v apt-get >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ]; then
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    else
      echo "参保通 needs: ${missing[*]} (sudo apt-get install -y ${missing[*]})" >&2
      exit 1
    fi
  fi
  if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    exec xvfb-run -a -s "-screen 0 1280x800x24" java "$heap" "${cds[@]}" -jar target/canbao.jar "$@"
  fi
fi
exec java "$heap" "${cds[@]}" -jar target/canbao.jar "$@"
