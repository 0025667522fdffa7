from . import cn_calendar_day, cn_calendar_year
