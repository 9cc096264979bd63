# The two commands: `make run` and `make test` (see README.md).
BUILD ?= build
DB ?= data/tiltas.db
PORT ?= 8080
HOST ?= 127.0.0.1
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
BUILD_TYPE ?= Release
# CI builds with -Werror.
ifeq ($(CI),true)
CMAKE_FLAGS += -DTILTAS_WERROR=ON
endif

.PHONY: all deps test-deps configure build run test bench clean

all: build

deps:
	@sh scripts/install-deps.sh build

test-deps:
	@sh scripts/install-deps.sh test

configure: deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) $(CMAKE_FLAGS)

build: configure
	cmake --build $(BUILD) -j $(JOBS)

run: build
	@sh scripts/demo-db.sh $(BUILD)/tiltas $(DB)
	$(BUILD)/tiltas --db $(DB) serve --host $(HOST) --port $(PORT)

test: test-deps build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS) --timeout 900

bench: build
	@echo "Benchmarks: see bench/README.md"

clean:
	rm -rf $(BUILD)
