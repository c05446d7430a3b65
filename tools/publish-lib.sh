# Shared by tools/publish and tools/preview; sourced, not run. The caller
# sets $tool, its name in messages. Commands run from the caller's folder,
# so an import error names INPUT as it was typed.

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

say() { printf '%s: %s\n' "$tool" "$*" >&2; }
fail() { printf '%s: FAILED: %s\n' "$tool" "$*" >&2; exit 1; }

# on_exit COMMAND: runs COMMAND on exit, also after Ctrl-C or kill, which
# would otherwise skip the EXIT trap.
on_exit() {
  trap "$1" EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
}

# Installs what is missing, then builds the importer and tripnotes-prerender
# and sets $importer and $prerender to them.
native_tools() {
  "$root/tools/setup" || fail "tools/setup"
  (cd "$root" && cargo build --quiet --bin tripnotes-import --bin tripnotes-prerender) \
    || fail "cargo build --bin tripnotes-import --bin tripnotes-prerender"
  local target
  target=$(cd "$root" && cargo metadata --quiet --no-deps --format-version 1 \
    | node -p 'JSON.parse(require("fs").readFileSync(0, "utf8")).target_directory') \
    || fail "cargo metadata (where the build puts the tools)"
  importer="$target/debug/tripnotes-import"
  prerender="$target/debug/tripnotes-prerender"
}

# import_report OUT.json: the caller's inputs (the array $inputs, with
# $annotations after them for a text report) and importer options
# ($import_flags) as one report. On an error the importer prints FILE:LINE
# and writes nothing.
import_report() {
  "$importer" "${import_flags[@]}" "${inputs[@]}" ${annotations:+"$annotations"} "$1"
}

# app_into DIR: the built app (it reads any report.json) into DIR, copied
# from $TRIPNOTES_APP when that names one already built, such as dist/.
app_into() {
  if [ -n "${TRIPNOTES_APP:-}" ]; then
    compgen -G "$TRIPNOTES_APP/*.wasm" >/dev/null && [ -f "$TRIPNOTES_APP/index.html" ] \
      || fail "TRIPNOTES_APP=$TRIPNOTES_APP is not a built app (no index.html and .wasm); build one with trunk build --release"
    mkdir -p "$1"
    # A built app is flat; hidden files are no part of it.
    find "$TRIPNOTES_APP" -maxdepth 1 -type f ! -name '.*' -exec cp -p -t "$1" {} + \
      || fail "copying the app from $TRIPNOTES_APP"
  else
    say "building the app (minutes the first time; TRIPNOTES_APP=dist reuses a build)"
    (cd "$root" && PATH="$root/node_modules/.bin:$PATH" trunk build --release --dist "$1") \
      || fail "trunk build --release"
  fi
}

# finish_site DIR: the static page, policy, manifest and worker for DIR's report.
finish_site() {
  "$prerender" "$1" || fail "tripnotes-prerender $1"
}
