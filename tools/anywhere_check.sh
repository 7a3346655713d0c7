#!/usr/bin/env bash
# The test command as a new user meets it: a fresh clone of this repository's HEAD with nothing beside it, run by a
# non-root user in a minimal environment (env -i: HOME, USER, LANG, a system PATH, pip's own PIP_* settings), with a
# stand-in for the full download (tools/pets_standin.py: the given breeds plus generated images of the other ones) as
# its data. CI=true, so nothing may be skipped. Prints the test command's output and its wall time.
# Usage, as root (it creates the user, $PETSEG_CHECK_USER or petseg-check, if it does not exist):
#   bash tools/anywhere_check.sh TREE      TREE: an Oxford-IIIT Pet tree with some of the breeds, e.g. the offline subset
set -euo pipefail
src=$(realpath "${1:?usage: $0 TREE (an Oxford-IIIT Pet tree with some of the breeds)}")
repo=$(cd "$(dirname "$0")/.." && pwd)
user=${PETSEG_CHECK_USER:-petseg-check}
[ "$(id -u)" = 0 ] || { echo "$0: run as root: it runs the tests as another, non-root user" >&2; exit 2; }
work=$(mktemp -d -t petseg-anywhere.XXXXXX); chmod 755 "$work"
trap 'rm -rf "$work"' EXIT
py=python3; [ -x "$repo/.venv/bin/python" ] && py="$repo/.venv/bin/python"  # the stand-in needs numpy and Pillow
"$py" "$repo/tools/pets_standin.py" "$src" "$work/pets"
git clone -q "$repo" "$work/clone"
id -u "$user" >/dev/null 2>&1 || useradd --create-home --shell /bin/bash "$user"
chown -R "$user": "$work"
home=$(getent passwd "$user" | cut -d: -f6)
mapfile -t pip_env < <(env | grep '^PIP_' || true)
start=$(date +%s)
status=0
runuser -u "$user" -- env -i HOME="$home" USER="$user" LANG=C.UTF-8 PATH=/usr/local/bin:/usr/bin:/bin CI=true \
  PETSEG_DATA="$work/pets" "${pip_env[@]}" bash "$work/clone/tools/test.sh" || status=$?
echo "anywhere check: exit $status after $(( $(date +%s) - start )) s, as $user, data: the stand-in for the full download"
exit $status
