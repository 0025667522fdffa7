from . import duty_holiday
