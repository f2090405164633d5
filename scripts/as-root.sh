# Sourced by the install scripts. as_root sets AS_ROOT to what runs a command as root:
# nothing when we are root, `sudo -n` when sudo needs no password (as on CI runners that
# are not root); it returns 1 when neither.
as_root() {
  AS_ROOT=()
  [ "$(id -u)" = 0 ] && return 0
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    AS_ROOT=(sudo -n)
    return 0
  fi
  return 1
}
