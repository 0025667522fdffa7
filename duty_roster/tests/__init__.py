from . import (
    test_fairness,
    test_handover,
    test_ical,
    test_roster_exports,
    test_roster_generation,
    test_roster_publish,
    test_rotation_rules,
    test_swap,
    test_tour,
)
