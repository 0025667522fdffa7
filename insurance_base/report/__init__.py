from . import insurance_clock_report
