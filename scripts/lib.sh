# Shared by scripts/run and scripts/test: installs what the build needs when it is missing.
# Everything is installed from the package registries (crates.io, npm, Debian); nothing
# downloads binaries of its own.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# Build output lives outside the checkout, so a fresh clone on the same machine reuses it.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/partnership-platform/target}"
export PATH="$HOME/.cargo/bin:$ROOT/end2end/node_modules/.bin:$PATH"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

CARGO_LEPTOS_VERSION=0.3.10
BINARYEN_VERSION=132.0.0

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

is_root() { [ "$(id -u)" = 0 ]; }

# Debian packages: installed when running as root, otherwise the exact command is printed.
apt_install() {
  if ! is_root; then
    echo "Missing system packages: $*. Install them with: sudo apt-get install -y $*" >&2
    exit 1
  fi
  say "installing $* (apt)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  # dpkg occasionally fails once on a fresh machine and passes on an immediate retry.
  apt-get install -y -qq --no-install-recommends "$@" >/dev/null || apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}

setup_rust() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32 target"
    rustup target add wasm32-unknown-unknown
  fi
  if ! cargo leptos --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION"; then
    say "installing cargo-leptos $CARGO_LEPTOS_VERSION (about 25 minutes, once per machine)"
    cargo install cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked --features no_downloads
  fi
  local wbg
  wbg="$(wasm_bindgen_version)"
  if ! wasm-bindgen --version 2>/dev/null | grep -q "$wbg"; then
    say "installing wasm-bindgen-cli $wbg (must match the wasm-bindgen crate)"
    # --locked fails for this crate here; the version pin is what matters.
    cargo install wasm-bindgen-cli --version "$wbg"
  fi
}

setup_npm() {
  if [ ! -x "$ROOT/end2end/node_modules/.bin/wasm-opt" ] || [ ! -d "$ROOT/end2end/node_modules/@playwright/test" ] \
     || [ "$ROOT/end2end/package-lock.json" -nt "$ROOT/end2end/node_modules/.package-lock.json" ]; then
    say "installing npm packages (Playwright, axe-core, binaryen $BINARYEN_VERSION)"
    (cd "$ROOT/end2end" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
  fi
}

setup_chromium() {
  export CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
  if [ ! -x "$CHROMIUM_PATH" ]; then
    apt_install chromium fonts-noto-cjk fonts-noto-core
  fi
}

# The Noto fonts quote PDFs are set in (Latin, Arabic, CJK): Debian's packages, unless
# POP_FONT_DIR names a folder holding NotoSans-Regular.ttf, NotoSans-Bold.ttf,
# NotoSansArabic-Regular.ttf and NotoSansCJK-Regular.ttc.
setup_fonts() {
  if [ -n "${POP_FONT_DIR:-}" ] || { [ -f /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ] \
    && [ -f /usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf ]; }; then
    return
  fi
  if ! is_root; then
    echo "Noto fonts not found: quotes get no PDF (Debian: sudo apt-get install fonts-noto-core fonts-noto-cjk, or set POP_FONT_DIR)" >&2
    return
  fi
  apt_install fonts-noto-core fonts-noto-cjk
}

# xmllint (libxml2) checks the IATI export against the IATI schema in the tests; where it
# was installed the tests require it.
setup_xmllint() {
  if ! command -v xmllint >/dev/null 2>&1; then
    if ! is_root; then
      echo "xmllint not found (Debian: libxml2-utils): the IATI export will not be checked against its schema" >&2
      return
    fi
    apt_install libxml2-utils
  fi
  export POP_TEST_REQUIRE_XMLLINT=1
}

# A PostgreSQL server on this machine with a role that may create test databases.
# Exports POP_TEST_POSTGRES_URL for the integration tests.
setup_postgres() {
  if [ -n "${POP_TEST_POSTGRES_URL:-}" ]; then
    return
  fi
  if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
    apt_install postgresql
  fi
  if ! is_root; then
    echo "Set POP_TEST_POSTGRES_URL to a PostgreSQL role that can create databases, e.g. postgres://pop_test:pop_test@127.0.0.1:5432/postgres" >&2
    exit 1
  fi
  local version
  version="$(ls /usr/lib/postgresql | sort -n | tail -1)"
  if ! pg_lsclusters -h 2>/dev/null | awk '{print $1, $2}' | grep -qx "$version main"; then
    pg_createcluster "$version" main >/dev/null
  fi
  if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" { print $4 }' | grep -qx online; then
    say "starting PostgreSQL $version"
    pg_ctlcluster --skip-systemctl-redirect "$version" main start
  fi
  local port
  port="$(pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" { print $3 }')"
  runuser -u postgres -- psql -p "$port" -qtAc \
    "DO \$\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'pop_test') THEN CREATE ROLE pop_test LOGIN CREATEDB PASSWORD 'pop_test'; END IF; END \$\$;" >/dev/null
  export POP_TEST_POSTGRES_URL="postgres://pop_test:pop_test@127.0.0.1:$port/postgres"
}

# An S3-compatible object store on loopback for the tests (moto's server, from PyPI, in a
# virtual environment of its own), with an empty bucket. Exports POP_TEST_S3_ENDPOINT and
# POP_TEST_S3_BUCKET; the server is stopped by stop_s3.
MOTO_VERSION=5.2.5
S3_PID=""
setup_s3() {
  if [ -n "${POP_TEST_S3_ENDPOINT:-}" ]; then
    return
  fi
  local venv="$HOME/.cache/partnership-platform/moto-$MOTO_VERSION"
  if [ ! -x "$venv/bin/moto_server" ]; then
    say "installing moto $MOTO_VERSION (an S3-compatible server for the tests, from PyPI)"
    rm -rf "$venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check "moto[server]==$MOTO_VERSION"
  fi
  local port="${POP_TEST_S3_PORT:-9327}"
  "$venv/bin/moto_server" -H 127.0.0.1 -p "$port" >"${TMPDIR:-/tmp}/pop-test-s3.log" 2>&1 &
  S3_PID=$!
  export POP_TEST_S3_ENDPOINT="http://127.0.0.1:$port" POP_TEST_S3_BUCKET=pop-test
  local tries=0
  # The bucket is made with a plain PUT, which moto accepts unsigned.
  until "$venv/bin/python" -c "import urllib.request as u; u.urlopen(u.Request('$POP_TEST_S3_ENDPOINT/pop-test', method='PUT'), timeout=2)" 2>/dev/null; do
    tries=$((tries + 1))
    if [ "$tries" -ge 60 ] || ! kill -0 "$S3_PID" 2>/dev/null; then
      echo "the S3 test server did not start; its log:" >&2
      cat "${TMPDIR:-/tmp}/pop-test-s3.log" >&2
      exit 1
    fi
    sleep 0.5
  done
}

stop_s3() {
  [ -z "$S3_PID" ] || kill "$S3_PID" 2>/dev/null || true
}
