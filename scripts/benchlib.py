"""What the benchmark scripts share: timing, output, a rolled-back run."""

import sys
import time

from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry
from odoo.tools import config


class Meter:
    """Wall time and SQL queries of a block."""

    def __init__(self, env):
        self.env = env

    def __enter__(self):
        self.env.flush_all()
        self.queries = self.env.cr.sql_log_count
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.env.flush_all()
        self.seconds = time.perf_counter() - self.start
        self.queries = self.env.cr.sql_log_count - self.queries


def out(text=""):
    sys.stdout.write(f"{text}\n")
    sys.stdout.flush()


def run_rolled_back(db, config_file, bench, args):
    """Run ``bench(env, args)`` in one transaction that is rolled back."""
    config.parse_config(["-c", config_file, "-d", db, "--log-level=warn"], setup_logging=True)
    registry = Registry(db)
    cr = registry.cursor()
    try:
        bench(api.Environment(cr, SUPERUSER_ID, {"lang": "en_US", "tz": "Asia/Shanghai"}), args)
    finally:
        cr.rollback()
        cr.close()
    out()
    out("Rolled back: the database is unchanged.")
