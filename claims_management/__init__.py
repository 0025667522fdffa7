from . import controllers, models, report, wizards
