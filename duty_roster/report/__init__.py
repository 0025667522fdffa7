from . import duty_roster_report
