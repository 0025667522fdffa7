from . import test_docs, test_install, test_security_matrix, test_tours
