from . import (
    test_dst,
    test_fairness,
    test_handover,
    test_ical,
    test_roster_exports,
    test_roster_generation,
    test_roster_publish,
    test_roster_versions,
    test_rotation_continuity,
    test_rotation_rules,
    test_rotation_state,
    test_rule_runs,
    test_swap,
    test_tour,
)
from . import test_workflow_guard
