#!/usr/bin/env bash
# Builds the Linux app-image target/installer/canbao — the program with its own Java runtime (jlink,
# only the modules it needs, Chinese and English locales), started by target/installer/canbao/bin/canbao
# on a machine without Java — and, with --deb, a .deb package of it (needs fakeroot and dpkg-deb).
# With --check, starts the image: a headless quote, and the window under Xvfb to its first frame.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -f target/canbao.jar ] || [ -n "$(find src fxml pom.xml -newer target/canbao.jar -print -quit)" ]; then
  mvn -q -B -DskipTests package
fi

# from `jdeps --print-module-deps` over the jar and its libraries, plus what it loads by name:
# Chinese locale data and charsets (GB18030 CSV files), elliptic-curve TLS for an https hub
modules=java.base,java.desktop,java.logging,java.management,java.naming,java.net.http,java.scripting,java.sql
modules+=,java.xml,jdk.jfr,jdk.unsupported,jdk.localedata,jdk.charsets,jdk.crypto.ec,jdk.zipfs

# A heap limit that fits an 8 GB laptop beside the office suite and the browser (Java's own default
# would be a quarter of the memory, 2 GB): a 1,000,000-line roster imports in 512 MB (README, Import)
heap=-Xmx1g

out=target/installer
rm -rf "$out"
mkdir -p "$out/input/lib"
cp target/canbao.jar "$out/input/"
cp target/lib/*.jar "$out/input/lib/"
# --generate-cds-archive: the runtime's own class-data-sharing archive, which the application's
# archive below is layered on
jlink --add-modules "$modules" --include-locales=zh-CN,zh,en --strip-debug --no-header-files --no-man-pages \
  --compress=2 --generate-cds-archive --output "$out/runtime"
jpackage --type app-image --name canbao --app-version 1.0 --vendor "参保通" \
  --input "$out/input" --main-jar canbao.jar --main-class canbao.Main \
  --runtime-image "$out/runtime" --java-options "-Dfile.encoding=UTF-8" --java-options "$heap" --dest "$out"

# Class-data sharing for the application: a training run (sign-in screen, sign-in, main window) under
# Xvfb records the classes it loads into lib/app/canbao.jsa, and the launcher maps it at every start
# (see README "Startup"). Without xvfb-run there is none.
record_cds() {
  local image=$1 train
  train=$(mktemp -d)
  CANBAO_PASSWORD=cds-training-1 "$image/bin/canbao" setup --data "$train" --township 兴义镇 \
    --county 500230 --user training --name 训练 >/dev/null
  CANBAO_USER=training CANBAO_PASSWORD=cds-training-1 \
    JAVA_TOOL_OPTIONS="-XX:ArchiveClassesAtExit=$image/lib/app/canbao.jsa" \
    xvfb-run -a -s "-screen 0 1280x800x24" "$image/bin/canbao" --data "$train" --startup-probe >/dev/null 2>&1
  rm -rf "$train"
  [ -f "$image/lib/app/canbao.jsa" ] || { echo "app-image: no class-data-sharing archive was recorded" >&2; return 0; }
  grep -q SharedArchiveFile "$image/lib/app/canbao.cfg" \
    || echo 'java-options=-XX:SharedArchiveFile=$APPDIR/canbao.jsa' >> "$image/lib/app/canbao.cfg"
}
if command -v xvfb-run >/dev/null 2>&1; then
  record_cds "$out/canbao"
else
  echo "app-image: xvfb-run missing, built without a class-data-sharing archive" >&2
fi
echo "app-image: $out/canbao ($(du -sh "$out/canbao" | cut -f1))"

for arg in "$@"; do
  case "$arg" in
    --deb)
      rm -rf "$out/deb" && mkdir -p "$out/deb" && cp -a "$out/canbao" "$out/deb/canbao"
      rm -f "$out/deb/canbao/lib/app/canbao.jsa"
      sed -i '/SharedArchiveFile/d' "$out/deb/canbao/lib/app/canbao.cfg"
      # printing (README "Printing"): the job goes to CUPS through its client command, lpr (cups-bsd)
      # or lp (cups-client) — without one nothing prints; Java lists the printers through libcups2; the
      # printouts embed a Chinese font from the system
      jpackage --type deb --app-image "$out/deb/canbao" --name canbao --app-version 1.0 --vendor "参保通" \
        --linux-shortcut --linux-menu-group Office --linux-app-category misc \
        --linux-package-deps "libcups2, cups-bsd | cups-client, fonts-wqy-microhei | fonts-droid-fallback" \
        --dest "$out"
      # Java 17 checks the jars' absolute paths and timestamps against the application's archive, and
      # jpackage's packaging gives the files new timestamps: the archive is recorded on a copy at
      # /opt/canbao, where the package installs, and that tree (timestamps kept) replaces the package's
      deb=$(ls "$out"/canbao_*.deb)
      if command -v xvfb-run >/dev/null 2>&1 && [ ! -e /opt/canbao ] && [ -w /opt ]; then
        cp -a "$out/deb/canbao" /opt/canbao
        record_cds /opt/canbao
        dpkg-deb -R "$deb" "$out/deb/root"
        rm -rf "$out/deb/root/opt/canbao" && cp -a /opt/canbao "$out/deb/root/opt/canbao"
        rm -rf /opt/canbao
        dpkg-deb -b --root-owner-group "$out/deb/root" "$deb" >/dev/null
      else
        echo "deb: no xvfb-run, or /opt/canbao exists or /opt is not writable: no application archive" >&2
      fi
      ls -la "$out"/*.deb
      ;;
    --check)
      answer=$(echo '{"policyYear":2022,"county":"500230","date":"2022-01-10","members":[{"name":"张三","idNumber":"500230198003151079","tier":1}]}' \
        | "$out/canbao/bin/canbao" quote)
      echo "app-image quote: $answer" | cut -c1-160
      grep -q '"payable":320' <<<"$answer" || { echo "app-image: the quote was not answered" >&2; exit 1; }
      data=$(mktemp -d)
      export CANBAO_USER=wangfang CANBAO_PASSWORD=installer-check-1
      "$out/canbao/bin/canbao" setup --data "$data" --township 兴义镇 --county 500230 --user wangfang --name 王芳
      echo '{"household":{"number":"0001","village":"兴义村"},"members":[{"name":"张三","idNumber":"500230198003151079","relation":"户主","enrollment":{"policyYear":2022,"tier":1,"paymentDate":"2022-01-10"}}]}' \
        | "$out/canbao/bin/canbao" enroll --data "$data" >/dev/null
      # the image's SQLite encrypts: the saved ID number is nowhere in the files
      if grep -q -a 500230198003151079 "$data"/canbao.db*; then
        echo "app-image: the database holds an ID number in clear" >&2; exit 1
      fi
      probe=$(xvfb-run -a -s "-screen 0 1280x800x24" "$out/canbao/bin/canbao" --data "$data" --startup-probe)
      echo "app-image window: $probe"
      grep -q "startup-probe: mainWindow shown" <<<"$probe" || { echo "app-image: the window did not open" >&2; exit 1; }
      unset CANBAO_USER CANBAO_PASSWORD
      rm -rf "$data"
      ;;
  esac
done
