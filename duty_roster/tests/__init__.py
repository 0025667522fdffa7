from . import test_duty_holiday, test_tour, test_workdays
