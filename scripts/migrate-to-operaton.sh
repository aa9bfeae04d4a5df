#!/usr/bin/env bash
# Builds dsflow on Operaton (the Apache-2.0 community fork of Camunda 7 CE) from a copy of this tree and runs the
# whole suite there. The working tree is only read: every change is made in the target directory.
#
#   scripts/migrate-to-operaton.sh [--no-test|--rename-only] [TARGET_DIR]   (default: ../dsflow-operaton)
#   OPERATON_VERSION=1.0.3 scripts/migrate-to-operaton.sh ...    (the Operaton release to build against)
#
# What changes and why is in docs/operaton.md. Exit status: 0 when the suite passed on Operaton (or --no-test and
# the copy compiles), non-zero otherwise; the Maven log is TARGET_DIR/operaton-build.log.
set -euo pipefail

OPERATON_VERSION="${OPERATON_VERSION:-1.0.3}"
RUN_TESTS=1
RENAME_ONLY=0
case "${1:-}" in
  --no-test) RUN_TESTS=0; shift ;;
  --rename-only) RENAME_ONLY=1; shift ;;  # the copy and rename without Maven (OperatonMigrationScriptTest)
esac
SOURCE="$(cd "$(dirname "$0")/.." && pwd)"
TARGET="${1:-$SOURCE/../dsflow-operaton}"
MARKER=".dsflow-operaton-copy"

mkdir -p "$TARGET"
TARGET="$(cd "$TARGET" && pwd)"
case "$TARGET/" in
  "$SOURCE/"*) echo "refusing: $TARGET is inside the source tree $SOURCE" >&2; exit 2 ;;
esac
case "$SOURCE/" in
  "$TARGET/"*) echo "refusing: the source tree $SOURCE is inside $TARGET" >&2; exit 2 ;;
esac
if [[ -n "$(ls -A "$TARGET")" && ! -f "$TARGET/$MARKER" ]]; then
  echo "refusing: $TARGET is not empty and was not made by this script" >&2
  exit 2
fi
find "$TARGET" -mindepth 1 -maxdepth 1 -exec rm -rf {} +

echo "== copying $SOURCE -> $TARGET"
# the working tree as it is (tracked and new files, nothing .gitignore'd: no target/, no data/); a tree that is not
# a git checkout of its own (an export, or a copy this script made) is copied without target/, data/ and logs
if [[ "$(git -C "$SOURCE" rev-parse --show-toplevel 2>/dev/null)" == "$SOURCE" ]]; then
  (cd "$SOURCE" && git ls-files -z --cached --others --exclude-standard \
    | while IFS= read -r -d '' f; do [[ -e "$f" ]] && printf '%s\0' "$f"; done \
    | tar --null -T - -cf -) | (cd "$TARGET" && tar -xf -)
else
  (cd "$SOURCE" && tar --exclude=./target --exclude=./data --exclude=./.git --exclude="./$MARKER" \
    --exclude='*.log' -cf - .) | (cd "$TARGET" && tar -xf -)
fi
touch "$TARGET/$MARKER"
cd "$TARGET"

echo "== renaming org.camunda -> org.operaton, camunda -> operaton (Operaton $OPERATON_VERSION)"
# Applied flyway migrations are never edited: their checksums are in every existing dsflow database, and they only
# mention Camunda in comments. Everything else that names Camunda is renamed the way Operaton renamed itself:
# packages (org.camunda.bpm/spin/commons/connect), Maven coordinates (camunda-* -> operaton-*), the BPMN and DMN
# extension namespaces and prefixes, Camunda* API names (getCamundaFormRef -> getOperatonFormRef), the
# camunda.bpm.* settings and CAMUNDA_* variables, the webapp path /camunda -> /operaton and its CSRF session key.
# This script, its test and docs/operaton.md describe the rename itself and stay as they are.
KEEP='^\./(src/main/resources/db/migration/|scripts/migrate-to-operaton\.sh$|docs/operaton\.md$|src/test/java/cn/dsflow/system/OperatonMigrationScriptTest\.java$)'
mapfile -d '' FILES < <(grep -rlIZi --exclude-dir=.git --exclude="$MARKER" camunda . | grep -zEv "$KEEP" || true)
if ((${#FILES[@]})); then
  perl -pi -e '
    s{http://camunda\.org/schema/modeler/1\.0}{MODELER_NS_KEEP}g;
    s/Camunda 7(?:\.\d+)*(?: CE)?/Operaton/g;
    s/camunda/operaton/g; s/Camunda/Operaton/g; s/CAMUNDA/OPERATON/g;
    s{MODELER_NS_KEEP}{http://camunda.org/schema/modeler/1.0}g;
  ' "${FILES[@]}"
fi
# a path that names camunda (e.g. a webjar override under META-INF/resources/webjars/camunda/) moves with it
find . -depth -path ./.git -prune -o -iname '*camunda*' -print | { grep -Ev "$KEEP" || true; } | while IFS= read -r p; do
  d="$(dirname "$p")"; b="$(basename "$p")"
  mv "$p" "$d/$(printf '%s' "$b" | sed -e 's/camunda/operaton/g; s/Camunda/Operaton/g; s/CAMUNDA/OPERATON/g')"
done
perl -pi -e "s{<operaton\\.version>[^<]*</operaton\\.version>}{<operaton.version>$OPERATON_VERSION</operaton.version>}" pom.xml
grep -q "<operaton.version>$OPERATON_VERSION</operaton.version>" pom.xml \
  || { echo "pom.xml has no operaton.version property after renaming" >&2; exit 3; }

# camunda-bpm-assert is declared but no test imports it; its Operaton twin is dropped rather than downloaded
if ! grep -rqs 'engine\.test\.assertions' src/test; then
  perl -0pi -e 's{\s*<dependency>\s*<groupId>org\.operaton\.bpm</groupId>\s*<artifactId>operaton-bpm-assert</artifactId>.*?</dependency>}{}s' pom.xml
fi
LEFT="$(grep -rIil --exclude-dir=.git --exclude="$MARKER" 'org\.camunda\|camunda-bpm\|camunda\.bpm' . \
  | grep -Ev "$KEEP" || true)"
if [[ -n "$LEFT" ]]; then
  echo "Camunda references left after renaming:" >&2
  echo "$LEFT" >&2
  exit 3
fi

if ((RENAME_ONLY)); then
  echo "== renamed copy in $TARGET"
  exit 0
fi

LOG="$TARGET/operaton-build.log"
if ((RUN_TESTS)); then
  echo "== mvn -B -ntp test on Operaton $OPERATON_VERSION (log: $LOG)"
  set +e
  mvn -B -ntp test >"$LOG" 2>&1
  STATUS=$?
  set -e
else
  echo "== mvn -B -ntp test-compile on Operaton $OPERATON_VERSION (log: $LOG)"
  set +e
  mvn -B -ntp test-compile >"$LOG" 2>&1
  STATUS=$?
  set -e
fi
grep -E '^\[(ERROR|WARNING)\] (Tests run:|Failures:|Errors:|COMPILATION|.*\.java)' "$LOG" | tail -60 || true
grep -E 'Tests run: [0-9]+, Failures' "$LOG" | tail -1 || true
if ((STATUS == 0)); then
  echo "== Operaton $OPERATON_VERSION: BUILD SUCCESS in $TARGET"
else
  echo "== Operaton $OPERATON_VERSION: BUILD FAILURE (exit $STATUS), see $LOG" >&2
fi
exit "$STATUS"
