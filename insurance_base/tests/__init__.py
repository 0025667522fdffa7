from . import test_deadline
