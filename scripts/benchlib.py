"""What the benchmark scripts share: timing, output, a rolled-back run."""

import sys
import time

from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry
from odoo.tools import config


def _memory_kib(key):
    """``VmRSS`` or ``VmHWM`` (peak) of this process in KiB, 0 where /proc is missing."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _reset_peak_memory():
    """Reset ``VmHWM`` to the current RSS (Linux >= 4.0); ignored elsewhere."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as clear_refs:
            clear_refs.write("5")
    except OSError:
        pass


class Meter:
    """Wall time, CPU time of this process (``cpu``: what a loaded, shared machine inflates least), SQL
    queries and peak memory growth (``peak_mib``, RSS above the start) of a block."""

    def __init__(self, env):
        self.env = env

    def __enter__(self):
        self.env.flush_all()
        self.queries = self.env.cr.sql_log_count
        _reset_peak_memory()
        self.rss = _memory_kib("VmRSS")
        self.start = time.perf_counter()
        self.cpu_start = time.process_time()
        return self

    def __exit__(self, *exc):
        self.env.flush_all()
        self.seconds = time.perf_counter() - self.start
        self.cpu = time.process_time() - self.cpu_start
        self.queries = self.env.cr.sql_log_count - self.queries
        self.peak_mib = max(_memory_kib("VmHWM") - self.rss, 0) / 1024


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
