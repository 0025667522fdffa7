from . import test_dashboards
from . import test_dashboards_tour
