# Briefdesk. `make run` and `make test` are the only commands a new machine needs:
# both install what is missing first.

SHELL := /bin/bash
.DEFAULT_GOAL := run

CARGO ?= cargo
NPM ?= npm
CARGO_BIN := $(HOME)/.cargo/bin
export PATH := $(CARGO_BIN):$(PATH)

# Debian/Ubuntu packages: the WebKitGTK build set, plus Xvfb and
# WebKitWebDriver for the end-to-end tests, xclip to read the clipboard there,
# and PostgreSQL's server for the desk's tests (they start their own cluster).
APT_PACKAGES := build-essential pkg-config file libssl-dev libwebkit2gtk-4.1-dev \
	libjavascriptcoregtk-4.1-dev libsoup-3.0-dev librsvg2-dev xvfb webkit2gtk-driver xclip \
	openbox xdotool xdg-utils hunspell-en-us hunspell-en-gb libenchant-2-2 postgresql \
	dbus-daemon gnome-keyring libsecret-tools
NODE_MAJOR_MIN := 20

.PHONY: run test bootstrap system-packages node-check ui-deps tauri-driver ui app \
	bindings lint test-rust test-ui bench fuzz clean cargo-deny desk

## Build the app and open it on its default database (or $$BRIEFDESK_DB).
run: bootstrap app
	./target/debug/briefdesk

## Every test: lints, Rust unit and integration tests, UI tests, end-to-end.
test: bootstrap ui lint test-ui test-rust

## Install whatever is missing; safe to run again.
bootstrap: system-packages node-check ui-deps tauri-driver

system-packages:
	@missing=$$(for p in $(APT_PACKAGES); do \
		dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			echo "Installing: $$missing"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
		else \
			echo "Missing system packages. Run:"; \
			echo "  sudo apt-get install -y $$missing"; \
			exit 1; \
		fi; \
	fi
	@command -v $(CARGO) >/dev/null || { echo "Rust is missing: install it with rustup (https://rustup.rs), then run make again."; exit 1; }

node-check:
	@command -v node >/dev/null || { echo "Node.js $(NODE_MAJOR_MIN)+ is missing: install it (e.g. from NodeSource or your distribution), then run make again."; exit 1; }
	@major=$$(node -p 'process.versions.node.split(".")[0]'); \
	[ "$$major" -ge $(NODE_MAJOR_MIN) ] || { echo "Node.js $$major is too old: Briefdesk's UI build needs $(NODE_MAJOR_MIN) or newer."; exit 1; }

ui-deps: ui/node_modules/.package-lock.json

ui/node_modules/.package-lock.json: ui/package.json ui/package-lock.json
	cd ui && $(NPM) ci --no-audit --no-fund
	@touch $@

tauri-driver:
	@command -v tauri-driver >/dev/null || $(CARGO) install tauri-driver --locked --version '^2'

# Checks dependencies' licences, sources and bans (deny.toml); tests only.
cargo-deny:
	@command -v cargo-deny >/dev/null || $(CARGO) install cargo-deny --locked --version '^0.20'

## The web UI, embedded into the app binary at compile time.
ui: ui-deps
	cd ui && $(NPM) run build

app: ui
	$(CARGO) build --bin briefdesk

## A demo desk server on this machine (its own PostgreSQL cluster) with two members, until Ctrl+C.
desk: bootstrap
	$(CARGO) build --bin briefdesk-cli --bin briefdesk-desk-demo --bin briefdesk
	./target/debug/briefdesk-desk-demo

## Rewrite ui/src/lib/bindings.ts from the Rust types.
bindings:
	UPDATE_BINDINGS=1 $(CARGO) test -p briefdesk --lib bindings

lint: ui cargo-deny
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings
	$(CARGO) deny check bans licenses sources
	cd ui && $(NPM) run check

test-ui: ui-deps
	cd ui && $(NPM) test

# The end-to-end test (tests/e2e.rs) starts its own Xvfb and tauri-driver.
# The crash test runs on its own so that its counts are printed.
test-rust: ui
	$(CARGO) test --workspace --all-targets -- --skip no_acknowledged_save_is_lost
	$(CARGO) test -p briefdesk-store --test crash -- --nocapture

## Longer fuzzing of every reader, the HTML sanitizer and search (make test runs them briefly).
fuzz:
	BRIEFDESK_FUZZ_CASES=$${BRIEFDESK_FUZZ_CASES:-200000} $(CARGO) test --release -p briefdesk-core --test fuzz --test html_safety
	BRIEFDESK_FUZZ_CASES=$${BRIEFDESK_FUZZ_CASES:-20000} $(CARGO) test --release -p briefdesk-store --test fuzz

# The peers: pandoc and cmark (formats), ripgrep (search), git (history,
# already needed), and Apostrophe, a GTK/WebKitGTK Markdown editor (start-up
# and memory). Debian's apostrophe 2.6.3 forgets python3-chardet.
BENCH_PACKAGES := pandoc cmark ripgrep apostrophe python3-chardet python3-gi gir1.2-webkit2-4.1

## Speed and memory against peers (pandoc, cmark, git, ripgrep, Apostrophe), measured in one run; writes docs/benchmarks.md.
bench: bootstrap ui
	@missing=$$(for p in $(BENCH_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ]; then DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
		else echo "Missing benchmark peers. Run:"; echo "  sudo apt-get install -y $$missing"; exit 1; fi; \
	fi
	$(CARGO) build --release -p briefdesk-cli -p briefdesk-bench
	$(CARGO) build --release --bin briefdesk
	{ ./target/release/briefdesk-bench --cli target/release/briefdesk-cli --app target/release/briefdesk; echo; echo "Date: $$(date -u +%Y-%m-%d)."; } | tee docs/benchmarks.md

clean:
	$(CARGO) clean
	rm -rf ui/dist ui/node_modules gen
