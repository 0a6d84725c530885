# The project's verbs. `make run` and `make test` work on a fresh Debian/Ubuntu machine:
# system packages come through apt-get when run as root, Python packages go into .venv.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed
LOCALES := fr en ar es pt ro uk tr fa
# Debian package -> a file it provides, to see whether it is already there. The journey tests
# (tests/journeys) need Xvfb, xdotool, a D-Bus session, the accessibility bus and pyatspi.
SYSTEM_PACKAGES := espeak-ng:/usr/bin/espeak-ng libespeak-ng1:/usr/lib/x86_64-linux-gnu/libespeak-ng.so.1 \
	alsa-utils:/usr/bin/aplay poppler-utils:/usr/bin/pdftotext sox:/usr/bin/sox \
	fonts-noto-core:/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf \
	fonts-dejavu-core:/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf \
	libegl1:/usr/lib/x86_64-linux-gnu/libEGL.so.1 libgl1:/usr/lib/x86_64-linux-gnu/libGL.so.1 \
	libxkbcommon0:/usr/lib/x86_64-linux-gnu/libxkbcommon.so.0 \
	libxkbcommon-x11-0:/usr/lib/x86_64-linux-gnu/libxkbcommon-x11.so.0 \
	libfontconfig1:/usr/lib/x86_64-linux-gnu/libfontconfig.so.1 \
	libdbus-1-3:/usr/lib/x86_64-linux-gnu/libdbus-1.so.3 \
	libglib2.0-0:/usr/lib/x86_64-linux-gnu/libglib-2.0.so.0 \
	libxcb-cursor0:/usr/lib/x86_64-linux-gnu/libxcb-cursor.so.0 \
	libxcb-icccm4:/usr/lib/x86_64-linux-gnu/libxcb-icccm.so.4 \
	libxcb-keysyms1:/usr/lib/x86_64-linux-gnu/libxcb-keysyms.so.1 \
	libxcb-shape0:/usr/lib/x86_64-linux-gnu/libxcb-shape.so.0 \
	libxcb-render-util0:/usr/lib/x86_64-linux-gnu/libxcb-render-util.so.0 \
	libxcb-image0:/usr/lib/x86_64-linux-gnu/libxcb-image.so.0 \
	libcups2:/usr/lib/x86_64-linux-gnu/libcups.so.2 \
	xvfb:/usr/bin/Xvfb xdotool:/usr/bin/xdotool dbus:/usr/bin/dbus-daemon dbus:/usr/bin/dbus-send \
	at-spi2-core:/usr/libexec/at-spi-bus-launcher \
	python3-pyatspi:/usr/lib/python3/dist-packages/pyatspi/__init__.py \
	postgresql:/usr/lib/postgresql chromium:/usr/bin/chromium chromium-driver:/usr/bin/chromedriver \
	haproxy:/usr/sbin/haproxy
# The hub (hub/) and its tests: Debian's PostgreSQL server (initdb/pg_ctl), headless Chromium
# and its driver for the staff dashboard's browser tests; haproxy for the scale-out test and bench.

.PHONY: run test lint typecheck bench translations extract update-po docs system venv clean screenshots hub

run: venv translations
	$(PY) -m kiosk run

# The agency hub for one agency: a local PostgreSQL cluster in var/hub (HUB_DATA_DIR), migrated,
# served on http://127.0.0.1:8800. `.venv/bin/hub add-kiosk NAME` etc. from this directory.
hub: venv
	$(VENV)/bin/hub serve

test: venv translations
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -n 2 --dist loadfile
	$(MAKE) --no-print-directory lint typecheck

lint: venv
	$(VENV)/bin/ruff check kiosk ui tests bench hub
	$(VENV)/bin/ruff format --check kiosk ui tests bench hub

typecheck: venv
	$(VENV)/bin/mypy

bench: venv translations
	QT_QPA_PLATFORM=offscreen $(PY) -m bench

screenshots: venv translations
	$(PY) -m kiosk screenshots --out screenshots --lang fr --size 1920x1080
	$(PY) -m kiosk screenshots --out screenshots --lang fr --size 1280x800
	$(PY) -m kiosk screenshots --out screenshots --lang ar --size 1920x1080
	$(PY) -m kiosk screenshots --out screenshots --lang ar --size 1280x800
	$(PY) -m kiosk screenshots --out screenshots --lang en

docs: venv
	$(PY) -m kiosk config-doc > docs/config.md

# --- translations: English message ids, catalogues in locales/<lang>/LC_MESSAGES/kiosk.po ---
extract: venv
	$(VENV)/bin/pybabel extract --project=kiosk --no-location --sort-output \
		-k N_ -k NC_:1c,2 -k ngettext:1,2 -o locales/messages.pot kiosk ui

update-po: extract
	for l in $(LOCALES); do $(VENV)/bin/pybabel update --no-fuzzy-matching --width 100 \
		-i locales/messages.pot -d locales -D kiosk -l $$l || exit 1; done

translations: venv
	$(VENV)/bin/pybabel compile -d locales -D kiosk --statistics 2>&1 | grep -v '^$$' || true

# --- set-up -------------------------------------------------------------------------------
system:
	@missing=""; for pair in $(SYSTEM_PACKAGES); do pkg=$${pair%%:*}; file=$${pair#*:}; \
		[ -e "$$file" ] || missing="$$missing $$pkg"; done; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "Installing system packages:$$missing"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
		else \
			echo "Missing system packages:$$missing"; \
			echo "Install them with: sudo apt-get install$$missing"; exit 1; \
		fi; \
	fi

venv: $(STAMP)

$(STAMP): pyproject.toml | system
	@if ! command -v $(PYTHON) >/dev/null || ! $(PYTHON) -c "import ensurepip, venv" 2>/dev/null; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3.11 python3.11-venv >/dev/null; \
		else echo "Python 3.11 with venv is needed: sudo apt-get install python3.11 python3.11-venv"; exit 1; fi; \
	fi
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -e '.[dev,hub]'
	touch $(STAMP)

clean:
	rm -rf $(VENV) build dist .mypy_cache .ruff_cache .pytest_cache
	find locales -name '*.mo' -delete

# --- the installer: a one-folder bundle in dist/kiosk/, checked by its own self-test -------
.PHONY: installer installer-test
installer: venv translations
	$(VENV)/bin/pyinstaller --noconfirm --clean installer.spec
	@du -sh dist/kiosk | sed 's/^/unpacked: /'

installer-test: installer
	QT_QPA_PLATFORM=offscreen KIOSK_DATA_DIR=$$(mktemp -d) dist/kiosk/kiosk self-test
