# Siang's build steps. The README's two commands are `make run` and `make test`;
# the scripts behind them live in .ci/lib/ and install what is missing.
.PHONY: run test site build e2e bench bench-dashboards help

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

run: ## Build, load demo data into data/siang.db if empty, serve http://127.0.0.1:3000
	.ci/lib/system-deps.sh run
	.ci/lib/toolchain.sh
	.ci/lib/build-site.sh release
	./target/release/siang demo --if-empty
	./target/release/siang serve

test: ## Everything: fmt, clippy, Rust tests on SQLite and PostgreSQL, end-to-end (JS on and off)
	.ci/lib/test.sh

site: ## Build the wasm bundle, CSS and the release server (no run)
	.ci/lib/toolchain.sh
	.ci/lib/build-site.sh release

e2e: ## Only the end-to-end suite (expects `make site` or a debug build)
	.ci/lib/e2e.sh

bench: ## Performance figures (page sizes, submit throughput); see README
	.ci/lib/bench.sh

bench-dashboards: ## Dashboard timings at a million demo responses (SQLite; PostgreSQL with SIANG_TEST_PG_URL)
	.ci/lib/dashboard_bench.sh
