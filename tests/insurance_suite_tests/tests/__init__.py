from . import (
    test_company_settings,
    test_demo_company,
    test_demo_generator,
    test_docs,
    test_install,
    test_security_matrix,
    test_tours,
)
