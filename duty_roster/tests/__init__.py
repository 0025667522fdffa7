from . import (
    test_duty_holiday,
    test_fairness,
    test_roster_exports,
    test_roster_generation,
    test_roster_publish,
    test_rotation_rules,
    test_tour,
    test_workdays,
)
