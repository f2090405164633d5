#!/usr/bin/env bash
# Debian packages the test suite and benchmarks use: a real Dovecot IMAP server
# (dovecot-imapd), openssl for its test certificate, isync (mbsync) for the IMAP
# benchmark, and chromium to render the digest's HTML in a test. Installed only when
# missing, and only when we can (apt-get, as root or through passwordless sudo, as CI
# runners that are not root have it). Where we cannot, say why: the IMAP tests then
# skip with that reason, except under CI=true, where a missing server fails them.
set -uo pipefail
need=()
command -v dovecot >/dev/null 2>&1 || [ -x /usr/sbin/dovecot ] || need+=(dovecot-imapd)
command -v openssl >/dev/null 2>&1 || need+=(openssl)
command -v mbsync >/dev/null 2>&1 || need+=(isync)
[ -x /usr/bin/chromium ] || need+=(chromium)
[ ${#need[@]} -eq 0 ] && exit 0
. "$(dirname "$0")/as-root.sh"
if ! as_root || ! command -v apt-get >/dev/null 2>&1; then
  echo "install-system-deps: missing ${need[*]}; not root (no passwordless sudo) or no apt-get, so not installing." >&2
  echo "install-system-deps: run: sudo apt-get install -y ${need[*]}" >&2
  exit 0
fi
echo "install-system-deps: installing ${need[*]}${AS_ROOT[*]:+ (with sudo)}" >&2
apt=("${AS_ROOT[@]}" env DEBIAN_FRONTEND=noninteractive apt-get)
"${apt[@]}" update -qq >/dev/null && "${apt[@]}" install -y -qq --no-install-recommends "${need[@]}" >/dev/null
status=$?
if [ $status -ne 0 ]; then
  echo "install-system-deps: apt-get failed ($status)" >&2
  [ "${CI:-}" = true ] && exit $status
fi
exit 0
