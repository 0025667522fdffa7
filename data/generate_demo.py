"""Generate three months of a branch's life as demo data, deterministically from a seed.

    .venv/bin/python data/generate_demo.py --db DB --config var/odoo.conf --seed 20261204 --size 1

The same seed on the same day gives the same data; a second run adds nothing; the whole run is one
transaction. Bad arguments exit with code 2 before anything is written (see data/README.md).
"""

import argparse
import datetime
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from demo_generator import MAX_SIZE, MIN_SIZE, DemoError, Generator, parse_seed, parse_size  # noqa: E402

from odoo import SUPERUSER_ID, api  # noqa: E402
from odoo.modules.registry import Registry  # noqa: E402
from odoo.tools import config  # noqa: E402


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--config", required=True)
    parser.add_argument("--seed", default="20261204", help="a whole number (default 20261204)")
    parser.add_argument("--size", default="1", help=f"multiplies the counts, {MIN_SIZE} to {MAX_SIZE}")
    parser.add_argument("--today", help="YYYY-MM-DD, the last day of the three months (default: today)")
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    try:
        seed, size = parse_seed(args.seed), parse_size(args.size)
        today = None
        if args.today:
            try:
                today = datetime.date.fromisoformat(args.today)
            except ValueError:
                raise DemoError(f"--today must be a date YYYY-MM-DD, not {args.today!r}") from None
    except DemoError as error:
        sys.stderr.write(f"generate_demo: {error}\n")
        return 2
    config.parse_config(["-c", args.config, "-d", args.db, "--log-level=warn"], setup_logging=True)
    registry = Registry(args.db)
    try:
        # one transaction: committed at the end, rolled back on any error
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"lang": "en_US", "tz": "Asia/Shanghai"})
            generator = Generator(env, seed, size, today=today)
            counts = generator.run()
    except DemoError as error:
        sys.stderr.write(f"generate_demo: {error}\n")
        return 2
    total = sum(counts.values())
    sys.stdout.write(
        f"Demo data, seed {seed}, size {size}, {generator.first_day} to {generator.today}: "
        f"{total} records in {generator.seconds:.1f} s ({sum(generator.skipped.values())} already there)\n"
    )
    for model, number in sorted(counts.items()):
        sys.stdout.write(f"  {model:32s} {number:7d}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
