# Kho Văn Bản Phong Trào: build, run, test and package.
# On a fresh Debian/Ubuntu machine `make run` and `make test` install what is missing first
# (scripts/install-deps.sh; Go itself must already be installed).

BIN     := khovanban
VERSION := $(shell sed -n 's/^[[:space:]]*Version[[:space:]]*=[[:space:]]*"\(.*\)"/\1/p' FyneApp.toml | head -1)
# FyneApp.toml declares [Migrations] fyneDo = true; `fyne build` would add this tag, so a
# plain `go build` must too (and vet/test use it so they share the build cache).
TAGS    := migrated_fynedo
LDFLAGS := -X main.version=$(VERSION)
# -race and the OpenGL driver both need cgo.
export CGO_ENABLED := 1

.PHONY: all deps deps-build build run test window-test bench bench-million screenshots dist dist-check fmt vet lint clean

all: build

deps:
	@scripts/install-deps.sh

deps-build:
	@scripts/install-deps.sh --build

# The first build compiles the OpenGL and GLFW C code (about 3 minutes on 2 cores) and said
# nothing meanwhile but the go command: one line says so when Go's cache lacks Fyne's.
build: deps-build
	@if [ "$$(go list -tags $(TAGS) -f '{{.Stale}}' fyne.io/fyne/v2/app 2>/dev/null)" != false ]; then \
		echo "Đang dựng chương trình lần đầu, mất khoảng 3 phút… / Building for the first time, about 3 minutes…"; fi
	go build -tags $(TAGS) -ldflags "$(LDFLAGS)" -o $(BIN) .

# Opens the app on the default archive (the user's data folder; see README).
run: build
	./$(BIN)

# The real-window test runs before `go test`, so that go test's summary closes the output.
# The index package is the slowest under -race: 1,220 s in CI on 2026-12-03 beside the other
# packages, 1,761 s on the same 2-core machine at load 17-20. The limit is 50 minutes, so that a
# slow host fails on a test that hangs and not on the package's length; CI allows 90 in all.
test: deps vet lint build
	scripts/window-test.sh --bin ./$(BIN)
	go test -race -timeout 50m -tags $(TAGS) ./...

window-test: deps build
	scripts/window-test.sh --bin ./$(BIN)

# The 10,000 with Recoll beside, the development set and the relevance benchmark; then the
# same corpus's figures at 100,000 documents (import, whole and in-process searches, the window),
# without Recoll, the accuracy and the relevance runs (BENCH_QUICK): about 10 minutes more.
bench: build
	@scripts/install-deps.sh --bench
	go test -tags $(TAGS) -run='^$$' -bench=. -benchmem ./...
	scripts/bench.sh ./$(BIN)
	BENCH_DOCS=100000 BENCH_QUICK=1 BENCH_NORECOLL=1 scripts/bench.sh ./$(BIN)

# Not in CI: generates a million vncorpus documents (about 6.5 GB of text, in bench-data/),
# imports them (without Recoll, which would take another hour of both cores) and prints the
# whole-process and in-process figures (hours on 2 cores).
bench-million: build
	@scripts/install-deps.sh --bench
	BENCH_DOCS=1000000 BENCH_SEED=7 BENCH_QUICK=1 BENCH_NORECOLL=1 scripts/bench.sh ./$(BIN)

# Regenerates docs/screenshots/*.png from the real window under Xvfb.
screenshots: deps build
	scripts/window-test.sh --bin ./$(BIN) --shots docs/screenshots

# Linux .tar.xz (fyne package), Windows .exe (mingw-w64) and SHA256SUMS in dist/.
dist:
	@scripts/install-deps.sh --dist
	scripts/dist.sh

# Starts the Windows .exe from dist/ under wine in Xvfb and runs the window test on it.
dist-check:
	@scripts/install-deps.sh --dist
	scripts/window-test.sh --wine dist/$(BIN)-$(VERSION)-windows-amd64.exe --keep

fmt:
	gofmt -s -w $$(git ls-files '*.go')

vet: deps-build
	go vet -tags $(TAGS) ./...

# staticcheck (every check), a complexity ceiling of 30 per function, go.mod tidy; the tools
# are built at pinned versions into .tools/ the first time (scripts/lint.sh).
lint: deps-build
	scripts/lint.sh

# Leaves the Go build cache alone: a cold build takes minutes.
clean:
	rm -rf $(BIN) dist bench-data
