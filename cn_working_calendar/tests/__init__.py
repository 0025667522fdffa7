from . import (
    test_cn_calendar_day,
    test_workdays,
)
