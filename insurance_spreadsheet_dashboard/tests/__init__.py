from . import (
    test_dashboards,
    test_dashboards_tour,
)
