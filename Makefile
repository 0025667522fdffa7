# Entry points; the logic lives in scripts/.
.PHONY: run test test-odoo lint setup bench bench-compare i18n wheels serve load faults readme demo-data

run:    ## set up everything and start Odoo with the suite and demo data
	@bash scripts/run.sh

test:   ## set up everything and run all tests in a throw-away database
	@bash scripts/test.sh $(ARGS)

test-odoo: ## make test, then the same tests with Odoo's own runner on the same database; fails unless both ran the same tests, all passed
	@bash scripts/test.sh --odoo-runner

lint:   ## ruff and pylint-odoo
	@bash scripts/lint.sh

setup:  ## only the idempotent machine setup
	@bash scripts/setup.sh

bench:  ## time roster generation and the on-duty lookup (throw-away database; BENCH_DB=name reuses one)
	@bash scripts/bench.sh $(ARGS)

bench-compare: ## side by side with OCA helpdesk_mgmt_sla and plain Odoo accounting (throw-away database); prints ratios
	@bash scripts/bench_compare.sh $(ARGS)

readme: ## write each addon's README.rst from its readme/*.md fragments, and the root README's settings table
	@python3 scripts/gen_readme.py

i18n:   ## re-export i18n/zh_CN.po of every addon, keeping the translations
	@bash scripts/i18n.sh

wheels: ## build each addon as an odoo-addon-* wheel and install the suite from the wheels (throw-away database)
	@bash scripts/wheels.sh

serve:  ## start Odoo with the production profile (prefork workers, cron threads, limits, proxy_mode) on the demo database
	@bash scripts/serve.sh $(ARGS)

load:   ## two servers on one throw-away database, a media storm of complaint posts and portal users (locust); prints the figures
	@bash scripts/load.sh

faults: ## a cron worker killed with SIGKILL in the middle of the deadline sweep; checks nothing is lost or sent twice
	@bash scripts/faults.sh

demo-data: ## generate three months of claims, complaints and rosters into the demo database (ARGS="--seed 20261204 --size 1")
	@bash scripts/demo_data.sh $(ARGS)
